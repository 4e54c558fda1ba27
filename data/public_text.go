package data

import (
	"github.com/mtaa-project/mtaa/data/kv"
)

// bucketPublicText holds the public text moderators wrote for a report
// (Report.PublicText): id (8 bytes) -> text. It lives beside the records,
// not in them, so that the record layout does not change; a report without
// an entry shows its description with contact details redacted. The bucket
// is created by the first write.
var bucketPublicText = []byte("report_public_text")

// loadPublicText fills v's public text from tx when the report has one.
func (s *Store) loadPublicText(tx kv.Tx, v *recordView) {
	if s.publicTexts.Load() == 0 {
		return
	}
	b := tx.Bucket(bucketPublicText)
	if b == nil {
		return
	}
	if t := b.Get(idKey(v.id)); t != nil {
		v.publicText, v.hasPublicText = t, true
	}
}

// fullReport is v.report() with the public text.
func (v *recordView) fullReport() Report {
	r := v.report()
	if v.hasPublicText {
		t := string(v.publicText)
		r.PublicText = &t
	}
	return r
}

// putPublicText stores (or with nil, removes) the public text of report id
// in tx.
func putPublicText(tx kv.Tx, id uint64, text *string) error {
	if text == nil {
		if b := tx.Bucket(bucketPublicText); b != nil {
			return b.Delete(idKey(id))
		}
		return nil
	}
	b, err := tx.CreateBucketIfNotExists(bucketPublicText)
	if err != nil {
		return err
	}
	return b.Put(idKey(id), []byte(*text))
}

func samePublicText(a, b *string) bool {
	return a == nil && b == nil || a != nil && b != nil && *a == *b
}

// publicTextBytes is text as the public text bucket holds it, nil for
// none.
func publicTextBytes(text *string) []byte {
	if text == nil {
		return nil
	}
	return []byte(*text)
}
