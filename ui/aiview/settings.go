package aiview

import (
	"context"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/duanju-studio/duanju/ai"
	"github.com/duanju-studio/duanju/ui/aiconf"
	"github.com/duanju-studio/duanju/ui/dock"
	"github.com/duanju-studio/duanju/ui/i18n"
)

// settingsForm is the AI settings screen: provider, region, base URL,
// model (with the server's list), key (to the keychain), context size and
// a "test connection" button.
type settingsForm struct {
	p        *panel
	provider *widget.Select
	region   *widget.Select
	baseURL  *widget.Entry
	model    *widget.SelectEntry
	refresh  *widget.Button
	key      *widget.Entry
	keyNote  *widget.Label
	ctxSize  *widget.Entry
	test     *widget.Button
	result   *widget.Label
	form     *fyne.Container
	// keyTask looks the key up, testTask tests the connection
	keyTask, testTask *dock.Task
}

func newSettingsForm(p *panel) *settingsForm {
	f := &settingsForm{p: p, keyTask: dock.NewTask(p.h), testTask: dock.NewTask(p.h)}
	s := aiconf.Load(p.h.App().Preferences())
	var names []string
	for _, pr := range ai.Providers {
		names = append(names, pr.Name)
	}
	f.region = widget.NewSelect(nil, func(name string) {
		for _, r := range ai.LookupProvider(f.providerID()).Regions {
			if r.Name == name {
				f.baseURL.SetText(r.BaseURL)
			}
		}
	})
	f.region.PlaceHolder = i18n.T("ai.region.pick") // not Fyne's English "(Select one)"
	f.baseURL = widget.NewEntry()
	f.model = widget.NewSelectEntry(nil)
	f.key = widget.NewPasswordEntry()
	f.key.SetPlaceHolder(i18n.T("ai.key.placeholder"))
	f.keyNote = widget.NewLabel("")
	f.keyNote.Wrapping = dock.ProseWrap(i18n.Lang())
	f.ctxSize = widget.NewEntry()
	f.result = widget.NewLabel("")
	f.result.Wrapping = dock.ProseWrap(i18n.Lang())
	f.provider = widget.NewSelect(names, func(string) { f.providerChanged(true) })
	f.refresh = widget.NewButton(i18n.T("ai.refreshModels"), func() { f.runTest(true) })
	f.test = widget.NewButton(i18n.T("ai.test"), func() { f.runTest(false) })

	pr := ai.LookupProvider(s.Provider)
	f.provider.SetSelected(pr.Name) // fills defaults
	if s.BaseURL != "" {
		f.baseURL.SetText(s.BaseURL)
	}
	if s.Model != "" {
		f.model.SetText(s.Model)
	}
	if s.Context > 0 {
		f.ctxSize.SetText(strconv.Itoa(s.Context))
	}
	f.form = container.NewVBox(
		widget.NewForm(
			widget.NewFormItem(i18n.T("ai.provider"), f.provider),
			widget.NewFormItem(i18n.T("ai.region"), f.region),
			widget.NewFormItem(i18n.T("ai.baseURL"), f.baseURL),
			widget.NewFormItem(i18n.T("ai.model"), container.NewBorder(nil, nil, nil, f.refresh, f.model)),
			widget.NewFormItem(i18n.T("ai.key"), f.key),
			widget.NewFormItem(i18n.T("ai.context"), f.ctxSize),
		),
		f.keyNote, f.test, f.result,
	)
	return f
}

func (f *settingsForm) providerID() string {
	for _, pr := range ai.Providers {
		if pr.Name == f.provider.Selected {
			return pr.ID
		}
	}
	return ai.ProviderCustom
}

// providerChanged fills the preset's URL and model suggestions.
func (f *settingsForm) providerChanged(reset bool) {
	pr := ai.LookupProvider(f.providerID())
	var regions []string
	for _, r := range pr.Regions {
		regions = append(regions, r.Name)
	}
	f.region.Options = regions
	if len(regions) == 0 {
		f.region.Disable()
	} else {
		f.region.Enable()
	}
	f.region.ClearSelected()
	if reset {
		f.baseURL.SetText(pr.BaseURL)
		f.model.SetOptions(pr.Models)
		if len(pr.Models) > 0 {
			f.model.SetText(pr.Models[0])
		} else {
			f.model.SetText("")
		}
		f.ctxSize.SetText(strconv.Itoa(pr.Context))
	}
	lang := f.p.h.Lang()
	note := pr.Note(lang)
	f.keyNote.SetText(note)
	f.keyTask.Run(func(context.Context, func(func())) func() {
		_, src, noKeychain := aiconf.KeyLookup(pr.ID)
		return func() {
			msg := ""
			switch {
			case src == aiconf.FromEnv:
				msg = i18n.Tf("ai.key.fromEnv", pr.KeyEnv)
			case src == aiconf.FromKeyring:
				msg = i18n.Tf("ai.key.fromKeyring", pr.ID)
			case src == aiconf.FromFile:
				msg = i18n.Tf("ai.key.fromFile", aiconf.KeyFile())
			case !pr.NoKey:
				msg = i18n.T("ai.key.none")
			}
			// the one place that explains a missing keychain: elsewhere
			// the fallback is quiet
			if noKeychain && !pr.NoKey && src != aiconf.FromEnv {
				env := "DUANJU_AI_KEY"
				if pr.KeyEnv != "" {
					env = pr.KeyEnv
				}
				msg += "\n" + i18n.Tf("ai.key.noKeychain", aiconf.KeyFile(), env)
			}
			f.keyNote.SetText(strings.TrimSpace(note + "\n" + msg))
		}
	})
}

func (f *settingsForm) current() settings {
	n, _ := strconv.Atoi(strings.TrimSpace(f.ctxSize.Text))
	return settings{Provider: f.providerID(), BaseURL: strings.TrimSpace(f.baseURL.Text), Model: strings.TrimSpace(f.model.Text), Context: n}
}

// runTest checks the connection with the form's values (not yet saved);
// with fill it puts the server's models into the model list.
func (f *settingsForm) runTest(fill bool) {
	s := f.current()
	typed := strings.TrimSpace(f.key.Text)
	f.result.SetText("…")
	f.test.Disable()
	f.refresh.Disable()
	lang := f.p.h.Lang()
	f.testTask.Run(func(context.Context, func(func())) func() {
		key := typed
		if key == "" {
			key, _, _ = aiconf.KeyLookup(s.Provider)
		}
		cfg := s.Config(key)
		cfg.Retry = ai.RetryPolicy{MaxTries: 2}
		if cfg.Model == "" {
			cfg.Model = "-" // listing models needs none
		}
		var models []string
		c, err := ai.New(cfg)
		if err == nil {
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			if fill {
				models, err = c.Models(ctx)
			} else {
				models, err = c.Test(ctx)
			}
			cancel()
		}
		return func() {
			f.test.Enable()
			f.refresh.Enable()
			switch {
			case err != nil:
				f.result.SetText(ai.ErrorMessage(err, lang))
			case len(models) == 0:
				f.result.SetText(i18n.T("ai.test.okNoList"))
			default:
				f.result.SetText(i18n.Tf("ai.test.ok", len(models), s.Model))
				f.model.SetOptions(models)
			}
		}
	})
}

// save stores the settings; a typed key goes to the keychain, or to the
// protected file where there is none (the form said so when it opened).
func (f *settingsForm) save() {
	s := f.current()
	s.Save(f.p.h.App().Preferences())
	typed := strings.TrimSpace(f.key.Text)
	f.p.setSession(s, typed)
	if typed == "" {
		return
	}
	p := f.p
	p.keySave.Run(func(context.Context, func(func())) func() {
		_, err := aiconf.SaveKey(s.Provider, typed)
		return func() {
			if err != nil {
				p.showError(err)
			}
		}
	})
}

// showSettings opens the settings dialog.
func (p *panel) showSettings() {
	f := newSettingsForm(p)
	d := dialog.NewCustomConfirm(i18n.T("ai.settings"), i18n.T("ai.save"), i18n.Pick("取消", "Cancel"), f.form, func(ok bool) {
		if ok {
			f.save()
		}
	}, p.h.Window())
	d.Resize(fyne.NewSize(560, 480))
	d.Show()
	p.settingsForm = f
}
