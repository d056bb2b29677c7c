package scan

import (
	"bufio"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/causal-tool/causal/internal/table"
)

// ShardInfo identifies a shard of a scan: the table scored (a hash of its
// columns as read: names, types, values, levels), the pair set split into
// shards (a hash of the pairs in order, with the options that change their
// scores) and the shard's place, Index of Count. Merge checks it.
type ShardInfo struct {
	Table string `json:"table_hash"`
	Pairs string `json:"pairs_hash"`
	Index int    `json:"index"`
	Count int    `json:"count"`
}

// shardPrefix opens the comment line that starts a shard's CSV output.
const shardPrefix = "# causal scan shard "

// NewShardInfo describes shard index of count of the pairs jobs (the whole
// set, before sharding) of t; settings are the options that change scores
// (model, rows, thresholds), in any stable text form.
func NewShardInfo(t *table.Table, jobs []Job, settings string, index, count int) ShardInfo {
	return ShardInfo{Table: TableHash(t), Pairs: pairsHash(t, jobs, settings), Index: index, Count: count}
}

// TableHash is a short hash of a table's content as read.
func TableHash(t *table.Table) string {
	h := sha256.New()
	var buf [8]byte
	num := func(v uint64) { binary.LittleEndian.PutUint64(buf[:], v); h.Write(buf[:]) }
	text := func(s string) { num(uint64(len(s))); io.WriteString(h, s) }
	num(uint64(t.Rows))
	for _, c := range t.Columns {
		text(c.Name)
		text(c.Type.String())
		for _, v := range c.Values {
			num(math.Float64bits(v))
		}
		num(uint64(len(c.Levels)))
		for _, l := range c.Levels {
			text(l)
		}
	}
	return hex.EncodeToString(h.Sum(nil)[:12])
}

// pairsHash is a short hash of the pairs scored, in order, and settings.
func pairsHash(t *table.Table, jobs []Job, settings string) string {
	h := sha256.New()
	fmt.Fprintf(h, "%q\n", settings)
	for _, j := range jobs {
		fmt.Fprintf(h, "%q,%q\n", t.Columns[j.A].Name, t.Columns[j.B].Name)
	}
	return hex.EncodeToString(h.Sum(nil)[:12])
}

// WriteShardLine writes the comment line that records a shard in its CSV
// output, before the header.
func WriteShardLine(w io.Writer, s ShardInfo) error {
	_, err := fmt.Fprintf(w, "%stable=%s pairs=%s shard=%d/%d\n", shardPrefix, s.Table, s.Pairs, s.Index, s.Count)
	return err
}

// readShardLine reads the shard comment line at the start of r, if there
// is one.
func readShardLine(name string, r *bufio.Reader) (*ShardInfo, error) {
	if b, _ := r.Peek(1); len(b) == 0 || b[0] != '#' {
		return nil, nil
	}
	line, err := r.ReadString('\n')
	if err != nil && err != io.EOF {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	bad := &table.Error{File: name, Line: 1, Msg: "malformed shard line: want " + shardPrefix + "table=H pairs=H shard=i/n"}
	rest, ok := strings.CutPrefix(strings.TrimRight(line, "\r\n"), shardPrefix)
	if !ok {
		return nil, bad
	}
	s := &ShardInfo{}
	fields := map[string]string{}
	for _, f := range strings.Fields(rest) {
		k, v, _ := strings.Cut(f, "=")
		fields[k] = v
	}
	s.Table, s.Pairs = fields["table"], fields["pairs"]
	i, n, ok := strings.Cut(fields["shard"], "/")
	var err1, err2 error
	s.Index, err1 = strconv.Atoi(i)
	s.Count, err2 = strconv.Atoi(n)
	if !ok || err1 != nil || err2 != nil || s.Table == "" || s.Pairs == "" || s.Count < 1 || s.Index < 0 || s.Index >= s.Count {
		return nil, bad
	}
	return s, nil
}

// checkShards refuses shards that are not exactly the shards 0..n-1 of one
// pair set of one table.
func checkShards(names []string, infos []*ShardInfo) error {
	for i, s := range infos {
		if s == nil {
			return fmt.Errorf("merge: %s has no shard line (%s...): it was not written by scan --shard", names[i], shardPrefix)
		}
	}
	first := infos[0]
	byIndex := map[int]string{}
	for i, s := range infos {
		switch {
		case s.Table != first.Table:
			return fmt.Errorf("merge: %s and %s are shards of different tables (table hash %s vs %s)", names[0], names[i], first.Table, s.Table)
		case s.Count != first.Count:
			return fmt.Errorf("merge: %s is shard %d/%d but %s is %d/%d: shards of different splits", names[0], first.Index, first.Count, names[i], s.Index, s.Count)
		case s.Pairs != first.Pairs:
			return fmt.Errorf("merge: %s and %s are shards of different pair sets or settings (pairs hash %s vs %s)", names[0], names[i], first.Pairs, s.Pairs)
		}
		if prev, dup := byIndex[s.Index]; dup {
			return fmt.Errorf("merge: %s and %s are both shard %d/%d", prev, names[i], s.Index, s.Count)
		}
		byIndex[s.Index] = names[i]
	}
	var missing []string
	for k := range first.Count {
		if _, ok := byIndex[k]; !ok {
			missing = append(missing, fmt.Sprintf("%d/%d", k, first.Count))
		}
	}
	if len(missing) > 0 {
		slices.Sort(missing)
		return fmt.Errorf("merge: shard %s missing (%d of %d given)", strings.Join(missing, ", "), len(infos), first.Count)
	}
	return nil
}
