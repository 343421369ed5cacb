package check

import (
	"regexp"
	"strings"
	"time"

	"github.com/duanju-studio/duanju/script"
)

// projectCtx is what every rule may need to know about the project.
type projectCtx struct {
	p      *script.Project
	o      Options
	lang   script.Lang
	date   time.Time
	minors []string        // normalised names and aliases of minor characters
	cast   []string        // normalised names and aliases of every character
	minorC map[string]bool // raw names and aliases of minor characters
	castC  map[string]bool // raw names and aliases of every character
	model  *modelReader    // the learned reader with this cast, built on first use
}

// minorRoleWords in a character's role or bio make them a minor when no
// age is given.
var minorRoleWords = []string{"小学", "初中", "初一", "初二", "初三", "中学生", "幼儿园", "儿童", "未成年", "高一", "高二"}

func newProjectCtx(p *script.Project, o Options) *projectCtx {
	cx := &projectCtx{p: p, o: o, lang: o.Lang, date: o.date(p), minorC: map[string]bool{}, castC: map[string]bool{}}
	for _, c := range p.Characters {
		minor := c.Minor()
		if c.Age == 0 {
			head := c.Role + " " + firstRunes(c.Bio, 16)
			for _, w := range minorRoleWords {
				if strings.Contains(head, w) {
					minor = true
				}
			}
		}
		for _, n := range c.Names() {
			if n == "" {
				continue
			}
			cx.castC[n] = true
			nn := normTerm(n)
			if len([]rune(nn)) >= 2 {
				cx.cast = append(cx.cast, nn)
			}
			if minor {
				cx.minorC[n] = true
				if len([]rune(nn)) >= 2 {
					cx.minors = append(cx.minors, nn)
				}
			}
		}
	}
	return cx
}

func firstRunes(s string, n int) string {
	i := 0
	for j := range s {
		if i == n {
			return s[:j]
		}
		i++
	}
	return s
}

// reMinorNoun finds a minor named by context: 初中生, 十五岁的少年, 8岁女孩.
var reMinorNoun = regexp.MustCompile(`小学生|初中生|中学生|高中生|未成年|小女孩|小男孩|小朋友|幼儿园|初[一二三]|[一二三四五六]年级|(?:小学|初中|高一|高二)(?:女生|男生|同学|学生|的)|(?:[1-9]|1[0-7]|[一二三四五六七八九]|十[一二三四五六七]?)岁(?:的)?(?:孩子|女孩|男孩|少年|少女|小孩|儿子|女儿|学生)`)

// minorIn reports whether a minor is the subject around a hit: a minor's
// name or a minor noun in the hit's clause; a sentence whose first clause
// names a minor while the hit's clause names no one else; or a minor
// speaking of themself (no 你/他/她 or 我爸/我妈 in the clause).
func (cx *projectCtx) minorIn(clause, sentence, speaker string) bool {
	for _, m := range cx.minors {
		if strings.Contains(clause, m) {
			return true
		}
	}
	if minorNoun(clause) {
		return true
	}
	if cx.otherPerson(clause) || strings.ContainsAny(clause, otherPronounRunes) && reOtherPronoun.MatchString(clause) {
		return false
	}
	if cx.hasMinor(firstClause(sentence)) {
		return true
	}
	return speaker != "" && cx.minorC[speaker]
}

// minorNear reports whether a minor takes part in the sentence at all: named,
// described (初中生) or speaking.
func (cx *projectCtx) minorNear(sentence, speaker string) bool {
	return cx.hasMinor(sentence) || speaker != "" && cx.minorC[speaker]
}

func (cx *projectCtx) hasMinor(s string) bool {
	for _, m := range cx.minors {
		if strings.Contains(s, m) {
			return true
		}
	}
	return minorNoun(s)
}

// minorNounRunes: every match of reMinorNoun holds one of them, so text
// without any (most clauses) skips the regexp.
const minorNounRunes = "生未孩朋幼初级学高岁"

func minorNoun(s string) bool {
	return strings.ContainsAny(s, minorNounRunes) && reMinorNoun.MatchString(s)
}

// firstClause is the text up to the first clause break, skipping a leading
// speaker ("乐乐:") and △.
func firstClause(s string) string {
	s = strings.TrimLeft(s, " △")
	for i, r := range s {
		if isClauseEnd(r) && r != ':' {
			return s[:i]
		}
	}
	return s
}

// otherPronounRunes: every match of reOtherPronoun starts with one of them.
const otherPronounRunes = "你他她咱我"

// reOtherPronoun: someone else is the subject (你, 他, 她, 我爸 …).
var reOtherPronoun = regexp.MustCompile(`你|他|她|咱爸|咱妈|我(?:爸|妈|爷|奶|哥|姐|叔|舅|姑|姨|们家)`)

// otherPerson reports whether an adult cast member is named in the clause.
func (cx *projectCtx) otherPerson(clause string) bool {
	for _, c := range cx.cast {
		if strings.Contains(clause, c) {
			minor := false
			for _, m := range cx.minors {
				if m == c {
					minor = true
				}
			}
			if !minor {
				return true
			}
		}
	}
	return false
}

// expand fills {name} placeholders.
func expand(s string, vars map[string]string) string {
	if len(vars) == 0 || !strings.Contains(s, "{") {
		return s
	}
	pairs := make([]string, 0, 2*len(vars))
	for k, v := range vars {
		pairs = append(pairs, "{"+k+"}", v)
	}
	return strings.NewReplacer(pairs...).Replace(s)
}
