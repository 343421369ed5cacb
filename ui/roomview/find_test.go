package roomview

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

type widgetButton = widget.Button

// buttonIn finds a button with the label inside o.
func buttonIn(o fyne.CanvasObject, label string) *widget.Button {
	switch v := o.(type) {
	case *widget.Button:
		if v.Text == label {
			return v
		}
	case *fyne.Container:
		for _, c := range v.Objects {
			if b := buttonIn(c, label); b != nil {
				return b
			}
		}
	}
	return nil
}
