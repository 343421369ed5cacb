package main

import (
	"fmt"
	"os"

	"github.com/duanju-studio/duanju/ai"
	"github.com/duanju-studio/duanju/ai/aicheck"
	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/script/check"
)

// checkAIClient builds the AI client from DUANJU_AI_* and the keychain,
// returning why not instead of printing it: a check with --ai and no AI
// still reports the rule and model findings.
func checkAIClient() (*ai.Client, error) {
	cfg, err := ai.FromEnv(os.Getenv)
	if err != nil {
		return nil, err
	}
	if cfg.Key == "" && !cfg.Preset().NoKey {
		if k, _, kerr := ai.LoadKey(os.Getenv, cfg.Provider); kerr == nil {
			cfg.Key = k
		}
	}
	return ai.New(cfg)
}

// checkAI runs the AI review (the third reader) over the chosen episodes
// and merges its findings into res. Answers are cached per episode text,
// model and prompt version, so a re-run asks only about changed episodes.
// It never changes the exit code: a failure is in res.Readers and on
// stderr, and the rule and model findings stand.
func checkAI(e *env, p *script.Project, res *check.Result, spec string) {
	eps, err := aicheck.ParseEpisodes(spec, p, res)
	if err != nil { // checked before the rules ran; "flagged" cannot fail
		e.errorf("--episodes: %v", err)
		return
	}
	c, cerr := checkAIClient()
	cache := aicheck.OpenCache(aicheck.DefaultPath())
	ctx, stop := aiContext()
	defer stop()
	o := aicheck.Options{Episodes: eps, Lang: e.lang}
	st := aicheck.Run(ctx, c, cerr, p, res, cache, o)
	if err := cache.Save(); err != nil {
		e.errorf("%s: %v", e.msg("无法保存 AI 复核缓存", "cannot save the AI review cache"), err)
	}
	if st.Error != "" {
		e.errorf("%s", st.Error)
		return
	}
	fmt.Fprintln(e.stderr, e.msg(
		fmt.Sprintf("AI 复核（模型 %s，仅供参考）：读了 %d 集（其中 %d 集来自缓存），新增 %d 条，认同规则或模型的 %d 条", st.Model, st.Reviewed, st.Cached, st.Findings, st.Agreed),
		fmt.Sprintf("AI review (model %s, advisory): %d episodes read (%d from the cache), %d findings added, %d rule or model findings agreed with", st.Model, st.Reviewed, st.Cached, st.Findings, st.Agreed)))
}
