# Versus in a container: a static binary (content and static files embedded) on a distroless
# base with no shell, running as a non-root user. It writes nothing to disk, so it runs with
# --read-only --cap-drop ALL. scripts/docker-test.sh builds and runs this file in CI.
#
#   docker build --build-arg VERSION=v1.2.0 --build-arg COMMIT=$(git rev-parse --short=12 HEAD) -t versus .
#   docker run --read-only --cap-drop ALL -p 8080:8080 -e VERSUS_BASE_URL=https://versus.example.com versus
#
# Configure it with the VERSUS_* environment variables (`docker run versus serve --help` lists
# them). Set the address with VERSUS_ADDR rather than --addr: the health check reads it.
# Under a memory limit, set GOMEMLIMIT to about 2/3 of it, as compose.yaml does (128m, 80MiB).

FROM golang:1.26 AS build
WORKDIR /src
# The modules first, in their own layer: it is rebuilt only when go.mod or go.sum change.
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=devel
ARG COMMIT=unknown
RUN CGO_ENABLED=0 go build -trimpath \
      -ldflags "-s -w -X github.com/versus-web/versus/internal/buildinfo.version=$VERSION -X github.com/versus-web/versus/internal/buildinfo.commit=$COMMIT" \
      -o /versus ./cmd/versus

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /versus /versus
# nonroot, by number, so that Kubernetes' runAsNonRoot can check it.
USER 65532:65532
EXPOSE 8080
ENV VERSUS_ADDR=0.0.0.0:8080
# The binary asks itself: GET /readyz on VERSUS_ADDR, 200 once the content is served.
HEALTHCHECK --interval=10s --timeout=3s --start-period=5s --retries=3 CMD ["/versus", "healthcheck"]
ENTRYPOINT ["/versus"]
CMD ["serve"]
