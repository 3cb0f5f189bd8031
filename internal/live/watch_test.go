package live

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestWatchDebouncesAndFollowsNewFolders(t *testing.T) {
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	changes := make(chan struct{}, 10)
	done := make(chan error, 1)
	go func() {
		done <- Watch(ctx, []string{dir}, 50*time.Millisecond, func() { changes <- struct{}{} })
	}()
	time.Sleep(100 * time.Millisecond) // let the watcher start

	// Three quick writes are one change.
	for i := 0; i < 3; i++ {
		os.WriteFile(filepath.Join(dir, "a.yaml"), []byte{byte('a' + i)}, 0o644)
	}
	waitChange(t, changes)
	select {
	case <-changes:
		t.Fatal("three quick writes reloaded more than once")
	case <-time.After(200 * time.Millisecond):
	}

	// A file in a folder made after the watch started is seen too.
	sub := filepath.Join(dir, "criteria")
	os.Mkdir(sub, 0o755)
	waitChange(t, changes)
	time.Sleep(100 * time.Millisecond)
	os.WriteFile(filepath.Join(sub, "new.yaml"), []byte("x"), 0o644)
	waitChange(t, changes)

	// Editor droppings are not edits.
	os.WriteFile(filepath.Join(dir, ".a.yaml.swp"), []byte("x"), 0o644)
	select {
	case <-changes:
		t.Fatal("a swap file triggered a reload")
	case <-time.After(200 * time.Millisecond):
	}

	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

func waitChange(t *testing.T, changes chan struct{}) {
	t.Helper()
	select {
	case <-changes:
	case <-time.After(5 * time.Second):
		t.Fatal("no change reported")
	}
}
