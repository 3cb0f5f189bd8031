// Reads a page as a chat app's link unfurler does (open-graph-scraper, pinned in
// package.json) and prints what it found as JSON. Used by internal/e2e/unfurl_test.go.
import ogs from "open-graph-scraper";

const url = process.argv[2];
try {
  const { result } = await ogs({ url, timeout: 10 });
  console.log(JSON.stringify(result));
} catch (err) {
  console.error(JSON.stringify(err.result ?? String(err)));
  process.exit(1);
}
