package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/duanju-studio/duanju/ai"
	"github.com/duanju-studio/duanju/ai/translate"
	"github.com/duanju-studio/duanju/script/subtitle"
)

func init() { subsTranslateFn = subsTranslate }

// subsTranslate: duanju-cli subs translate FILE... --to L[,L…] [--glossary
// PROJECT] -o OUT. Several files or languages run as one queue sharing the
// concurrency bound (DUANJU_AI_CONCURRENCY); -o is then a folder.
func subsTranslate(e *env, args []string) int {
	fs := newFlags("subs translate")
	f := &aiFlags{}
	f.register(fs)
	to := fs.String("to", "", "target language(s), BCP 47, comma-separated")
	from := fs.String("from", "", "source language (default: detected)")
	glossary := fs.String("glossary", "", "PROJECT whose glossary fixes names and terms")
	prof := fs.String("profile", "", "target profile id (e.g. vertical) or .json file")
	out := fs.String("o", "", "output file, or folder for several")
	format := fs.String("format", "", "output format (default: from -o, else the input's)")
	bilingual := fs.Bool("bilingual", false, "keep the source as the first line, translation second")
	batch := fs.Int("batch", 40, "cues per request")
	noFit := fs.Bool("no-fit", false, "skip the pass that shortens cues that read too fast")
	fs.Lookup("prompt-lang").Value.Set("en") // English instructions suit every target language
	pos, err := parseFlags(fs, args)
	if err == nil && (len(pos) == 0 || *to == "" || *out == "") {
		err = fmt.Errorf("%s", e.msg("需要 FILE、--to 和 -o", "FILE, --to and -o are required"))
	}
	if err != nil {
		return subsErr(e, "translate", err)
	}
	langs := strings.Split(*to, ",")
	multi := len(pos) > 1 || len(langs) > 1
	if multi {
		if err := os.MkdirAll(*out, 0o755); err != nil {
			e.errorf("%v", err)
			return exitUsage
		}
	}
	c, ok := aiClient(e, f)
	if !ok {
		return exitUsage
	}
	var terms map[string][]translate.Term
	if *glossary != "" {
		p, err := loadProject(e, *glossary)
		if err != nil {
			e.errorf("%v", err)
			return exitUsage
		}
		terms = map[string][]translate.Term{}
		for _, l := range langs {
			terms[l] = translate.Glossary(p, l)
		}
	}
	type unit struct {
		src      *subtitle.Track
		lang     string
		prof     *subtitle.Profile
		out      string
		ck       *translate.FileCheckpoint
		protect  []string
		srcFmt   string
		resuming int
	}
	var units []*unit
	var jobs []translate.Job
	var mu sync.Mutex
	done, total := 0, 0
	for _, path := range pos {
		rr, ok := readTrack(e, path)
		if !ok {
			return exitUsage
		}
		srcLang := pickLang(*from, rr.Track)
		rr.Track.Lang = srcLang
		for _, lang := range langs {
			lang = strings.TrimSpace(lang)
			pr, err := subtitle.Resolve(lang, *prof)
			if err != nil {
				e.errorf("%v", err)
				return exitUsage
			}
			dst := *out
			if multi {
				base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
				ext := filepath.Ext(path)
				if *format != "" {
					ext = "." + *format
				}
				dst = filepath.Join(*out, base+"."+lang+ext)
			}
			ck, err := translate.OpenCheckpoint(dst + ".partial")
			if err != nil {
				e.errorf("%v", err)
				return exitUsage
			}
			u := &unit{src: rr.Track, lang: lang, prof: pr, out: dst, ck: ck, srcFmt: rr.Format, resuming: ck.Len()}
			for _, t := range terms[lang] {
				u.protect = append(u.protect, t.Target)
			}
			if u.resuming > 0 {
				e.errorf("%s", e.msg(fmt.Sprintf("%s：从上次中断处继续（已有 %d 条）", dst, u.resuming),
					fmt.Sprintf("%s: resuming (%d cues already done)", dst, u.resuming)))
			}
			units = append(units, u)
			cues := translate.FromTrack(rr.Track)
			total += len(cues)
			jobs = append(jobs, translate.Job{Name: dst, Cues: cues, Opt: translate.Options{
				From: srcLang, To: lang, Glossary: terms[lang], Profile: translate.FromProfile(pr), Batch: *batch,
				PromptLang: f.promptLang, NoFit: *noFit, Checkpoint: ck,
			}})
		}
	}
	for i := range jobs {
		last := 0
		jobs[i].Opt.Progress = func(d, _ int) {
			mu.Lock()
			done += d - last
			last = d
			fmt.Fprintf(e.stderr, "\r%s %d/%d", e.msg("翻译中", "translating"), done, total)
			mu.Unlock()
		}
	}
	ctx, stop := aiContext()
	defer stop()
	results, runErr := translate.New(c).TranslateAll(ctx, jobs)
	fmt.Fprintln(e.stderr)
	failed, long := 0, 0
	for i, u := range units {
		outs := results[i]
		for _, o := range outs {
			switch o.Status {
			case translate.StatusFailed:
				failed++
			case translate.StatusLong:
				long++
			}
		}
		tr := translate.ToTrack(u.src, outs, u.lang, u.prof, u.protect)
		if *bilingual {
			tr = translate.Bilingual(u.src, tr)
		}
		opt := subtitle.WriteOptions{Format: *format, Profile: u.prof, Bilingual: *bilingual}
		if opt.Format == "" && subtitle.FormatFromName(u.out) == "" {
			opt.Format = u.srcFmt
		}
		if err := subtitle.WriteFile(u.out, tr, opt); err != nil {
			e.errorf("%s: %v", u.out, err)
			return exitUsage
		}
		if runErr == nil && !hasFailed(outs) {
			u.ck.Remove()
		} else {
			u.ck.Close()
		}
	}
	if runErr != nil {
		e.errorf("%s", ai.ErrorMessage(runErr, e.lang))
		e.errorf("%s", e.msg("已完成的部分已写出并保存进度；再次运行同一命令即可继续，不会重复计费",
			"what finished is written and saved; run the same command again to resume without paying twice"))
		return exitFindings
	}
	if failed > 0 {
		e.errorf("%s", e.msg(fmt.Sprintf("%d 条字幕没有译出，已留空并标注 UNTRANSLATED；再次运行可重试", failed),
			fmt.Sprintf("%d cues were not translated; they are left empty with an UNTRANSLATED note; run again to retry", failed)))
		return exitFindings
	}
	if long > 0 {
		e.errorf("%s", e.msg(fmt.Sprintf("%d 条译文仍超过阅读速度或行长限制：请用 subs lint 检查", long),
			fmt.Sprintf("%d translations still exceed the reading speed or line length: check them with subs lint", long)))
	}
	return exitOK
}

func hasFailed(outs []translate.Out) bool {
	for _, o := range outs {
		if o.Status == translate.StatusFailed {
			return true
		}
	}
	return false
}
