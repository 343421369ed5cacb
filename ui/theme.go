package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/duanju-studio/duanju/assets"
)

// Appearance values kept in Preferences.
const (
	AppearanceSystem = ""
	AppearanceLight  = "light"
	AppearanceDark   = "dark"
)

var (
	fontRegular = fyne.NewStaticResource("NotoSansSC-Regular.ttf", assets.FontRegular())
	fontBold    = fyne.NewStaticResource("NotoSansSC-Bold.ttf", assets.FontBold())
)

// appTheme is Fyne's default theme with the bundled CJK font, so Chinese
// renders the same on a machine with no CJK fonts, and an optional forced
// light or dark variant chosen in Settings.
type appTheme struct {
	base       fyne.Theme
	appearance string
}

// NewTheme returns the app theme for an appearance ("", "light", "dark").
func NewTheme(appearance string) fyne.Theme {
	return &appTheme{base: theme.DefaultTheme(), appearance: appearance}
}

func (t *appTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	switch t.appearance {
	case AppearanceLight:
		v = theme.VariantLight
	case AppearanceDark:
		v = theme.VariantDark
	}
	return t.base.Color(n, v)
}

func (t *appTheme) Font(s fyne.TextStyle) fyne.Resource {
	if s.Monospace || s.Symbol {
		return t.base.Font(s)
	}
	if s.Bold {
		return fontBold
	}
	return fontRegular
}

func (t *appTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return t.base.Icon(n) }
func (t *appTheme) Size(n fyne.ThemeSizeName) float32       { return t.base.Size(n) }
