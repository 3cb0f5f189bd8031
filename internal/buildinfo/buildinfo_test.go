package buildinfo

import "testing"

func TestString(t *testing.T) {
	tests := []struct {
		info Info
		want string
	}{
		{Info{Version: "v1.2.0", Commit: "abc1234"}, "v1.2.0 (abc1234)"},
		{Info{Version: "devel", Commit: "abc1234", Modified: true}, "devel (abc1234+dirty)"},
	}
	for _, tt := range tests {
		if got := tt.info.String(); got != tt.want {
			t.Errorf("%+v.String() = %q, want %q", tt.info, got, tt.want)
		}
	}
}

func TestGetAlwaysNamesABuild(t *testing.T) {
	info := Get()
	if info.Version == "" || info.Commit == "" || len(info.Commit) > 12 {
		t.Fatalf("Get() = %+v: want a version and a commit of at most 12 characters", info)
	}
}
