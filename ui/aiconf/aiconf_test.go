package aiconf

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/zalando/go-keyring"
)

func TestKeyFallsBackToAProtectedFile(t *testing.T) {
	dir := t.TempDir()
	KeyFile = func() string { return filepath.Join(dir, "k", "ai-keys.json") }
	t.Setenv("DUANJU_AI_KEY", "")
	t.Setenv("DEEPSEEK_API_KEY", "")
	keyring.MockInitWithError(errors.New("dbus-launch: executable file not found in $PATH"))
	where, err := SaveKey("deepseek", "sk-测试")
	if err != nil || where != FromFile {
		t.Fatalf("saved to %q: %v", where, err)
	}
	if fi, err := os.Stat(KeyFile()); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("key file %v %v", fi, err)
	}
	k, src, noKC := KeyLookup("deepseek")
	if k != "sk-测试" || src != FromFile || !noKC {
		t.Fatalf("lookup %q %q %v", k, src, noKC)
	}
	// once the keychain works the key moves there and leaves the file
	keyring.MockInit()
	if where, err := SaveKey("deepseek", "sk-2"); err != nil || where != FromKeyring {
		t.Fatalf("%q %v", where, err)
	}
	if fileKey("deepseek") != "" {
		t.Fatal("the file still holds the key")
	}
}

func TestClientNotConfigured(t *testing.T) {
	a := test.NewTempApp(t)
	t.Setenv("DUANJU_AI_PROVIDER", "")
	t.Setenv("DUANJU_AI_BASE_URL", "")
	if _, err := Client(a); !errors.Is(err, ErrNotConfigured) {
		t.Fatalf("got %v", err)
	}
}
