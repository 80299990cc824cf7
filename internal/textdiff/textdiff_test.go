package textdiff

import "testing"

func TestUnified(t *testing.T) {
	tests := []struct {
		name     string
		old, new string
		want     string
	}{
		{name: "equal", old: "a\nb\n", new: "a\nb\n", want: ""},
		{
			name: "change in the middle",
			old:  "1\n2\n3\n4\n5\n6\n7\n8\n9\n",
			new:  "1\n2\n3\n4\nfive\n6\n7\n8\n9\n",
			want: "--- old\n+++ new\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n",
		},
		{
			name: "from empty",
			old:  "",
			new:  "x\n",
			want: "--- old\n+++ new\n@@ -1,0 +1,1 @@\n+x\n",
		},
		{
			name: "to empty",
			old:  "x\ny\n",
			new:  "",
			want: "--- old\n+++ new\n@@ -1,2 +1,0 @@\n-x\n-y\n",
		},
		{
			name: "two distant hunks",
			old:  "a\n1\n2\n3\n4\n5\n6\n7\n8\nb\n",
			new:  "A\n1\n2\n3\n4\n5\n6\n7\n8\nB\n",
			want: "--- old\n+++ new\n@@ -1,4 +1,4 @@\n-a\n+A\n 1\n 2\n 3\n@@ -7,4 +7,4 @@\n 6\n 7\n 8\n-b\n+B\n",
		},
		{
			name: "missing final newline",
			old:  "a\nb",
			new:  "a\nb\n",
			want: "--- old\n+++ new\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Unified("old", "new", tt.old, tt.new); got != tt.want {
				t.Errorf("Unified() =\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}
