# Build a static versus binary, then run it in a minimal image.
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /versus ./cmd/versus

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /versus /versus
EXPOSE 8080
ENV VERSUS_ADDR=0.0.0.0:8080
ENTRYPOINT ["/versus"]
CMD ["serve"]
