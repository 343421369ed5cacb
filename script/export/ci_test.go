//go:build ci

package export

// Under the ci tag (make test) the PDF read-back tools are required.
func init() { requireTools = true }
