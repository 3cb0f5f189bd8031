// Command startup measures how soon `versus serve` answers after exec and how much
// memory it holds: the time to the first answer from /healthz and to the first 200 from
// / and /readyz, polled every 5 ms, then peak and current resident memory
// (VmHWM, VmRSS) a few seconds later. scripts/startup.sh builds versus and runs it.
//
//	go run ./scripts/startup VERSUS-BINARY [serve flags...]   e.g. --content /tmp/corpus
package main

import (
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"time"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: startup VERSUS-BINARY [serve flags...]")
		os.Exit(2)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0") // a free port
	if err != nil {
		fail(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	cmd := exec.Command(os.Args[1], append([]string{"serve", "--addr", addr}, os.Args[2:]...)...)
	// Whatever ends this program ends versus too (Linux).
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		fail(err)
	}
	defer cmd.Process.Kill()
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	first := func(path string) time.Duration {
		for {
			if resp, err := http.Get("http://" + addr + path); err == nil {
				resp.Body.Close()
				if resp.StatusCode == http.StatusOK {
					return time.Since(start)
				}
			}
			select {
			case err := <-exited:
				fail(fmt.Errorf("versus exited: %v", err))
			case <-time.After(pollEvery):
			}
		}
	}
	health, home, ready := first("/healthz"), first("/"), first("/readyz")
	fmt.Printf("first /healthz 200: %d ms; first / 200: %d ms; /readyz 200: %d ms after exec\n",
		health.Milliseconds(), home.Milliseconds(), ready.Milliseconds())
	time.Sleep(5 * time.Second)
	status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", cmd.Process.Pid))
	if err != nil {
		fail(err)
	}
	var memory []string
	for _, line := range strings.Split(string(status), "\n") {
		if strings.HasPrefix(line, "VmHWM") || strings.HasPrefix(line, "VmRSS") {
			memory = append(memory, strings.Join(strings.Fields(line), " "))
		}
	}
	fmt.Println(strings.Join(memory, "; "))
}

// pollEvery is coarse enough that polling costs versus little: every 1 ms, answering a
// thousand 503s a second competed with the load being measured for the two cores.
const pollEvery = 5 * time.Millisecond

func fail(err error) {
	fmt.Fprintln(os.Stderr, "startup:", err)
	os.Exit(1)
}
