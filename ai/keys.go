package ai

import (
	"errors"
	"strings"
	"time"

	"github.com/zalando/go-keyring"
)

// KeyringService is the service name of Duanju Studio's keychain entries;
// the user part is the provider id (one key per provider).
const KeyringService = "duanju-studio"

// KeyRef is what settings store instead of a key: "keyring:<provider>".
func KeyRef(provider string) string { return "keyring:" + provider }

// keyringTimeout bounds a keychain call: a Secret Service that is asleep
// or waiting on an unlock prompt must not freeze the app.
const keyringTimeout = 5 * time.Second

// SaveKey stores the key for provider in the OS keychain. When the keychain
// is unavailable (common on headless Linux) the error says so and offers
// the environment variable.
func SaveKey(provider, key string) error {
	key = strings.TrimSpace(key)
	err := withTimeout(func() error {
		if key == "" {
			err := keyring.Delete(KeyringService, provider)
			if errors.Is(err, keyring.ErrNotFound) {
				return nil
			}
			return err
		}
		return keyring.Set(KeyringService, provider, key)
	})
	if err != nil {
		return keychainErr(provider, err)
	}
	return nil
}

// LoadKey returns the key for provider: the environment first (DUANJU_AI_KEY
// or the provider's variable), then the keychain. source says where it came
// from ("env", "keyring" or ""). A keychain failure is returned only when no
// key was found anywhere, so the caller can tell the user.
func LoadKey(getenv Getenv, provider string) (key, source string, err error) {
	if k := EnvKey(getenv, provider); k != "" {
		return k, "env", nil
	}
	var k string
	err = withTimeout(func() error {
		var e error
		k, e = keyring.Get(KeyringService, provider)
		return e
	})
	switch {
	case err == nil:
		return k, "keyring", nil
	case errors.Is(err, keyring.ErrNotFound):
		return "", "", nil
	default:
		return "", "", keychainErr(provider, err)
	}
}

func keychainErr(provider string, err error) error {
	env := "DUANJU_AI_KEY"
	if v := LookupProvider(provider).KeyEnv; v != "" {
		env += " / " + v
	}
	return &Error{Kind: KindKeychain, err: err, Detail: trimDetail(err.Error()),
		zh: "系统钥匙串不可用（Linux 需要运行中的 Secret Service，如 gnome-keyring 或 KWallet）：请改用环境变量 " + env + " 提供 Key；Key 不会写入项目文件",
		en: "the OS keychain is unavailable (Linux needs a running Secret Service such as gnome-keyring or KWallet): set the key in the environment variable " + env + " instead; keys never go into the project file"}
}

var errKeyringTimeout = errors.New("keychain did not answer in time")

func withTimeout(f func() error) error {
	done := make(chan error, 1)
	go func() { done <- f() }()
	select {
	case err := <-done:
		return err
	case <-time.After(keyringTimeout):
		return errKeyringTimeout
	}
}
