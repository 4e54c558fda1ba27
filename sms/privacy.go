package sms

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
)

// KeySize is the size in bytes of the phone hashing and encryption keys.
const KeySize = 32

// PhoneVault turns phone numbers into what mtaa may keep: a keyed hash
// (HMAC-SHA256) that identifies a phone without revealing it, and, for alert
// subscribers and reporters (to tell them of their report's status), the
// number sealed with AES-256-GCM.
type PhoneVault struct {
	hashKey []byte
	aead    cipher.AEAD
}

// NewPhoneVault builds a vault from two independent 32-byte keys.
func NewPhoneVault(hashKey, encryptionKey []byte) (*PhoneVault, error) {
	if len(hashKey) != KeySize || len(encryptionKey) != KeySize {
		return nil, fmt.Errorf("phone vault: keys must be %d bytes", KeySize)
	}
	block, err := aes.NewCipher(encryptionKey)
	if err != nil {
		return nil, fmt.Errorf("phone vault: %w", err)
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, fmt.Errorf("phone vault: %w", err)
	}
	return &PhoneVault{hashKey: append([]byte(nil), hashKey...), aead: aead}, nil
}

// NormalizePhone keeps the digits of a phone number and a leading '+', so
// that "+255 712-345 678" and "+255712345678" are the same phone.
func NormalizePhone(phone string) string {
	var b strings.Builder
	for i, r := range strings.TrimSpace(phone) {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == '+' && i == 0:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Hash returns the hex HMAC-SHA256 of the normalised number.
func (v *PhoneVault) Hash(phone string) string {
	m := hmac.New(sha256.New, v.hashKey)
	m.Write([]byte(NormalizePhone(phone)))
	return hex.EncodeToString(m.Sum(nil))
}

// Seal encrypts the normalised number with a fresh random nonce.
func (v *PhoneVault) Seal(phone string) ([]byte, error) {
	return v.seal([]byte(NormalizePhone(phone)), nil)
}

// contactLabel is the associated data of sealed contact details: a sealed
// phone number does not open as contact details, nor the reverse.
var contactLabel = []byte("mtaa contact details")

// SealContact encrypts contact details (an Open311 requester's e-mail,
// phone and names, as one string) with a fresh random nonce, under the key
// that seals subscribers' numbers.
func (v *PhoneVault) SealContact(contact string) ([]byte, error) {
	return v.seal([]byte(contact), contactLabel)
}

// OpenContact decrypts contact details sealed by SealContact.
func (v *PhoneVault) OpenContact(sealed []byte) (string, error) { return v.open(sealed, contactLabel) }

// ErrSealBroken is returned when a sealed number cannot be opened: wrong
// key or tampered data.
var ErrSealBroken = errors.New("sms: sealed phone number cannot be opened")

// Open decrypts a number sealed by Seal.
func (v *PhoneVault) Open(sealed []byte) (string, error) { return v.open(sealed, nil) }

// seal encrypts plain with a fresh random nonce, which leads the result.
func (v *PhoneVault) seal(plain, ad []byte) ([]byte, error) {
	nonce := make([]byte, v.aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return nil, fmt.Errorf("seal: %w", err)
	}
	return v.aead.Seal(nonce, nonce, plain, ad), nil
}

// open decrypts what seal made with the same associated data.
func (v *PhoneVault) open(sealed, ad []byte) (string, error) {
	n := v.aead.NonceSize()
	if len(sealed) < n {
		return "", ErrSealBroken
	}
	plain, err := v.aead.Open(nil, sealed[:n], sealed[n:], ad)
	if err != nil {
		return "", ErrSealBroken
	}
	return string(plain), nil
}
