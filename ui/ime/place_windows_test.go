//go:build windows

package ime

import (
	"image"
	"runtime"
	"testing"
	"unsafe"

	"golang.org/x/sys/windows"
)

// The forms are passed to imm32 by pointer: their layout must be imm.h's.
func TestFormLayout(t *testing.T) {
	if s := unsafe.Sizeof(compositionForm{}); s != 28 {
		t.Errorf("COMPOSITIONFORM is %d bytes, want 28", s)
	}
	if s := unsafe.Sizeof(candidateForm{}); s != 32 {
		t.Errorf("CANDIDATEFORM is %d bytes, want 32", s)
	}
}

func TestForms(t *testing.T) {
	comp, cand := forms(image.Rect(384, 210, 386, 240))
	if comp.Style != cfsForcePosition || comp.CurrentPos != (point{384, 210}) {
		t.Errorf("composition form %+v", comp)
	}
	if cand.Style != cfsExclude || cand.CurrentPos != (point{384, 240}) || cand.Area != (rect{384, 210, 386, 240}) {
		t.Errorf("candidate form %+v", cand)
	}
}

var (
	user32                   = windows.NewLazySystemDLL("user32.dll")
	procCreateWindowEx       = user32.NewProc("CreateWindowExW")
	procDestroyWindow        = user32.NewProc("DestroyWindow")
	procGetCompositionWindow = imm32.NewProc("ImmGetCompositionWindow")
	procGetCandidateWindow   = imm32.NewProc("ImmGetCandidateWindow")
)

// TestSetIMEWindows calls imm32 on a real window and reads the positions
// back. It needs a Windows session (or Wine): the Wine smoke test runs it.
func TestSetIMEWindows(t *testing.T) {
	// One OS thread for the window and the calls, as Fyne's main thread is.
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	class, _ := windows.UTF16PtrFromString("EDIT")
	hwnd, _, err := procCreateWindowEx.Call(0, uintptr(unsafe.Pointer(class)), 0, 0, 0, 0, 400, 300, 0, 0, 0, 0)
	if hwnd == 0 {
		t.Skipf("no window: %v", err)
	}
	defer procDestroyWindow.Call(hwnd)
	himc, _, _ := procGetContext.Call(hwnd)
	if himc == 0 {
		t.Skip("no input context for the window (IMM disabled)")
	}
	defer procReleaseContext.Call(hwnd, himc)

	if err := setIMEWindows(hwnd, image.Rect(120, 64, 121, 88)); err != nil {
		t.Fatalf("setIMEWindows: %v", err)
	}

	var comp compositionForm
	if ok, _, _ := procGetCompositionWindow.Call(himc, uintptr(unsafe.Pointer(&comp))); ok == 0 {
		t.Fatal("ImmGetCompositionWindow failed")
	}
	if comp.CurrentPos != (point{120, 64}) {
		t.Errorf("composition window at %+v, want 120,64", comp.CurrentPos)
	}
	cand := candidateForm{Index: 0}
	if ok, _, _ := procGetCandidateWindow.Call(himc, 0, uintptr(unsafe.Pointer(&cand))); ok == 0 {
		t.Fatal("ImmGetCandidateWindow failed")
	}
	if cand.Style != cfsExclude || cand.CurrentPos != (point{120, 88}) {
		t.Errorf("candidate window %+v, want CFS_EXCLUDE at 120,88", cand)
	}
}
