package pairio

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"

	"github.com/causal-tool/causal/internal/atomicfile"
)

// stdin is the reader used for the path "-"; tests may replace it.
var stdin io.Reader = os.Stdin

// openInput opens path ("-" for stdin) and transparently decompresses gzip.
// The returned closer releases every resource.
func openInput(path string) (io.Reader, io.Closer, error) {
	var src io.Reader
	var closer io.Closer = io.NopCloser(nil)
	if path == "-" {
		src = stdin
	} else {
		f, err := atomicfile.OpenInput(path)
		if err != nil {
			return nil, nil, err // *fs.PathError: "open PATH: reason"
		}
		src, closer = f, f
	}
	br := bufio.NewReaderSize(src, 1<<20)
	magic, _ := br.Peek(2)
	if bytes.Equal(magic, []byte{0x1f, 0x8b}) {
		zr, err := gzip.NewReader(br)
		if err != nil {
			closer.Close()
			return nil, nil, fmt.Errorf("open %s: gzip: %w", displayName(path), err)
		}
		return bufio.NewReaderSize(zr, 1<<20), multiCloser{zr, closer}, nil
	}
	return br, closer, nil
}

type multiCloser []io.Closer

func (m multiCloser) Close() error {
	var first error
	for _, c := range m {
		if err := c.Close(); err != nil && first == nil {
			first = err
		}
	}
	return first
}
