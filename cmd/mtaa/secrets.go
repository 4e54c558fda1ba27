package main

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/mtaa-project/mtaa/sms"
)

// secretsFile holds keys mtaa generated itself on first start, in the data
// directory, readable by its owner only.
const secretsFile = "secrets.json"

type secrets struct {
	PhoneHashKey       string `json:"phone_hash_key"`
	PhoneEncryptionKey string `json:"phone_encryption_key"`
}

// phoneKeys returns the phone hashing and encryption keys: from the flags
// when given (64 hex characters each), else from DIR/secrets.json, created
// with random keys on first start. Keys must not change once phones are
// stored: a new hash key makes every known phone a stranger, a new
// encryption key makes sealed numbers unreadable.
func phoneKeys(dir, hashKeyHex, encKeyHex string) (hashKey, encKey []byte, err error) {
	var s secrets
	path := filepath.Join(dir, secretsFile)
	b, err := os.ReadFile(path)
	switch {
	case err == nil:
		if err := json.Unmarshal(b, &s); err != nil {
			return nil, nil, fmt.Errorf("read %s: %w", path, err)
		}
	case errors.Is(err, fs.ErrNotExist):
		if s, err = newSecrets(path); err != nil {
			return nil, nil, err
		}
	default:
		return nil, nil, fmt.Errorf("read %s: %w", path, err)
	}
	if hashKeyHex != "" {
		s.PhoneHashKey = hashKeyHex
	}
	if encKeyHex != "" {
		s.PhoneEncryptionKey = encKeyHex
	}
	if hashKey, err = decodeKey("--phone-hash-key", s.PhoneHashKey); err != nil {
		return nil, nil, err
	}
	if encKey, err = decodeKey("--phone-encryption-key", s.PhoneEncryptionKey); err != nil {
		return nil, nil, err
	}
	return hashKey, encKey, nil
}

func decodeKey(name, h string) ([]byte, error) {
	k, err := hex.DecodeString(h)
	if err != nil || len(k) != sms.KeySize {
		return nil, fmt.Errorf("%s must be %d hex characters (%d random bytes)", name, 2*sms.KeySize, sms.KeySize)
	}
	return k, nil
}

// newSecrets generates keys and writes them atomically with mode 0600.
func newSecrets(path string) (secrets, error) {
	var s secrets
	for _, dst := range []*string{&s.PhoneHashKey, &s.PhoneEncryptionKey} {
		k := make([]byte, sms.KeySize)
		if _, err := rand.Read(k); err != nil {
			return s, fmt.Errorf("generate key: %w", err)
		}
		*dst = hex.EncodeToString(k)
	}
	b, _ := json.MarshalIndent(s, "", "  ")
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return s, fmt.Errorf("create %s: %w", path, err)
	}
	tmp := path + ".tmp"
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return s, fmt.Errorf("create %s: %w", path, err)
	}
	_, werr := f.Write(append(b, '\n'))
	serr := f.Sync()
	cerr := f.Close()
	if err := errors.Join(werr, serr, cerr); err != nil {
		os.Remove(tmp)
		return s, fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return s, fmt.Errorf("write %s: %w", path, err)
	}
	return s, nil
}
