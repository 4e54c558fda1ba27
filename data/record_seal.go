package data

import (
	"encoding/binary"
	"fmt"
	"hash/crc32"
)

// Stored report values carry a checksum around the record, whatever its
// layout (record.go): a mark byte that no record version uses, the
// CRC-32C (Castagnoli) of the record, then the record. Every read opens
// the envelope and checks the sum before decoding, so a flipped byte is
// reported as ErrCorrupt instead of being decoded into wrong values.
// Values written before checksums (starting with a record version) are
// read as they are.
const (
	sealMark   = 0xC5 // record versions are small integers
	sealHeader = 1 + 4
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// sealRecord wraps an encoded record in its checksum envelope.
func sealRecord(rec []byte) []byte {
	out := make([]byte, sealHeader, sealHeader+len(rec))
	out[0] = sealMark
	binary.BigEndian.PutUint32(out[1:], crc32.Checksum(rec, castagnoli))
	return append(out, rec...)
}

// storedRecord is the value stored for r: its record, sealed.
func storedRecord(r *Report) []byte { return sealRecord(encodeRecord(r)) }

// openRecord returns the record inside the stored value b of report id,
// checking its checksum; a value without an envelope (written before
// checksums) is returned as it is.
func openRecord(id uint64, b []byte) ([]byte, error) {
	if len(b) == 0 || b[0] != sealMark {
		return b, nil
	}
	if len(b) < sealHeader {
		return nil, fmt.Errorf("%w: report %d: truncated record", ErrCorrupt, id)
	}
	rec := b[sealHeader:]
	if crc32.Checksum(rec, castagnoli) != binary.BigEndian.Uint32(b[1:]) {
		return nil, fmt.Errorf("%w: report %d: checksum mismatch", ErrCorrupt, id)
	}
	return rec, nil
}

// viewStored opens and decodes the stored value b of report id.
func viewStored(id uint64, b []byte) (recordView, error) {
	rec, err := openRecord(id, b)
	if err != nil {
		return recordView{}, err
	}
	return viewRecord(id, rec)
}

// summaryOfStored opens the stored value b of report id and reads its
// index fields.
func summaryOfStored(id uint64, b []byte) (summary, error) {
	rec, err := openRecord(id, b)
	if err != nil {
		return summary{}, err
	}
	return summaryOfRecord(id, rec)
}
