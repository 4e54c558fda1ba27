// Package web holds mtaa's browser UI: the map (index.html), the field
// reporting form (report.html), the civil-defence view (ops.html), their
// scripts and styles, the service worker and the vendored MapLibre GL JS,
// embedded in the binary. It imports nothing of mtaa's; the server decides
// how the files are served.
package web

import (
	"embed"
	"io/fs"
)

//go:embed static
var static embed.FS

// FS returns the UI's files, rooted at the static folder: "report.html",
// "js/report.js", "vendor/maplibre-gl-6.17.0/maplibre-gl.mjs" and so on.
func FS() fs.FS {
	// fs.Sub fails only on an invalid directory name; "static" is valid.
	sub, _ := fs.Sub(static, "static")
	return sub
}
