//go:build windows

package ime

import (
	"image"
	"unsafe"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver"
	"golang.org/x/sys/windows"
)

const supported = true

var (
	imm32                    = windows.NewLazySystemDLL("imm32.dll")
	procGetContext           = imm32.NewProc("ImmGetContext")
	procReleaseContext       = imm32.NewProc("ImmReleaseContext")
	procSetCompositionWindow = imm32.NewProc("ImmSetCompositionWindow")
	procSetCandidateWindow   = imm32.NewProc("ImmSetCandidateWindow")
)

// imm.h
const (
	cfsForcePosition = 0x0020
	cfsExclude       = 0x0080
)

type point struct{ X, Y int32 }
type rect struct{ Left, Top, Right, Bottom int32 }

// compositionForm is COMPOSITIONFORM.
type compositionForm struct {
	Style      uint32
	CurrentPos point
	Area       rect
}

// candidateForm is CANDIDATEFORM.
type candidateForm struct {
	Index      uint32
	Style      uint32
	CurrentPos point
	Area       rect
}

// forms builds what imm32 is told for a caret rectangle in client pixels:
// the composition string starts at the caret, and the candidate list opens
// below it while keeping clear of the caret's line (CFS_EXCLUDE), so the
// IME flips it above the line near the bottom of the screen.
func forms(r image.Rectangle) (compositionForm, candidateForm) {
	at := point{int32(r.Min.X), int32(r.Min.Y)}
	line := rect{int32(r.Min.X), int32(r.Min.Y), int32(r.Max.X), int32(r.Max.Y)}
	comp := compositionForm{Style: cfsForcePosition, CurrentPos: at, Area: line}
	cand := candidateForm{Index: 0, Style: cfsExclude, CurrentPos: point{at.X, int32(r.Max.Y)}, Area: line}
	return comp, cand
}

var place = func(w fyne.Window, r image.Rectangle) {
	nw, ok := w.(driver.NativeWindow)
	if !ok {
		return
	}
	nw.RunNative(func(ctx any) {
		wc, ok := ctx.(driver.WindowsWindowContext)
		if !ok || wc.HWND == 0 {
			return
		}
		_ = setIMEWindows(wc.HWND, r) // best effort: the IME then stays where it was
	})
}

// setIMEWindows tells the window's input context where the caret is. It
// must run on the window's thread (Fyne's callbacks do, with fyneDo): imm32
// refuses another thread's input context.
func setIMEWindows(hwnd uintptr, r image.Rectangle) error {
	if err := imm32.Load(); err != nil {
		return err // no IMM (Windows without East Asian support): nothing to place
	}
	himc, _, err := procGetContext.Call(hwnd)
	if himc == 0 {
		return err // no input context: no IME is active for this window
	}
	defer procReleaseContext.Call(hwnd, himc)
	comp, cand := forms(r)
	if ok, _, err := procSetCompositionWindow.Call(himc, uintptr(unsafe.Pointer(&comp))); ok == 0 {
		return err
	}
	if ok, _, err := procSetCandidateWindow.Call(himc, uintptr(unsafe.Pointer(&cand))); ok == 0 {
		return err
	}
	return nil
}
