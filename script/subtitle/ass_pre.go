package subtitle

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// ASS/SSA as other tools write it is looser than astisub reads it: lines
// and fields indented or padded with spaces, empty Layer or margins, times
// without fractions or below zero, Style lines with a field too many.
// normaliseASS rewrites those lines in place (the line count never
// changes, so line numbers stay the user's) and returns what it changed as
// warnings; what cannot be repaired is a ParseError with its line.

var (
	assColourRe = regexp.MustCompile(`^(?i:&H[0-9a-f]{1,8}&?|-?\d+)$`)
	assIntField = map[string]bool{"Bold": true, "Italic": true, "Underline": true, "StrikeOut": true,
		"BorderStyle": true, "Alignment": true, "MarginL": true, "MarginR": true, "MarginV": true,
		"Encoding": true, "AlphaLevel": true, "Layer": true, "Marked": false}
	assFloatField = map[string]bool{"Fontsize": true, "ScaleX": true, "ScaleY": true, "Spacing": true,
		"Angle": true, "Outline": true, "Shadow": true}
)

func normaliseASS(text string) (string, []string, error) {
	lines := strings.Split(text, "\n")
	var warns []string
	section := ""
	var fields []string
	for i, l := range lines {
		t := strings.TrimSpace(strings.TrimPrefix(l, "\uFEFF"))
		lines[i] = t
		if strings.HasPrefix(t, "[") && strings.HasSuffix(t, "]") {
			section = strings.ToLower(t[1 : len(t)-1])
			fields = nil
			continue
		}
		if t == "" || strings.HasPrefix(t, ";") {
			continue
		}
		key, val, ok := strings.Cut(t, ":")
		if !ok {
			continue
		}
		key = strings.TrimSpace(key)
		styles := section == "v4+ styles" || section == "v4 styles" || section == "v4 styles+"
		if !styles && section != "events" {
			continue
		}
		if key == "Format" {
			fields = strings.Split(val, ",")
			for k := range fields {
				fields[k] = strings.TrimSpace(fields[k])
			}
			lines[i] = "Format: " + strings.Join(fields, ", ")
			continue
		}
		line := i + 1
		switch {
		case styles && key == "Style":
			if fields == nil {
				return "", nil, &ParseError{Format: FormatASS, Line: line, Msg: "style before the Format line of its section"}
			}
			parts := strings.Split(val, ",")
			if len(parts) < len(fields) {
				lines[i] = ""
				warns = append(warns, fmt.Sprintf("line %d: style has %d fields, the Format line names %d: style ignored", line, len(parts), len(fields)))
				continue
			}
			if len(parts) > len(fields) {
				warns = append(warns, fmt.Sprintf("line %d: style has %d fields, the Format line names %d: extra fields ignored", line, len(parts), len(fields)))
				parts = parts[:len(fields)]
			}
			for k, f := range fields {
				parts[k] = strings.TrimSpace(parts[k])
				if bad := fixASSField(f, &parts[k]); bad != "" {
					warns = append(warns, fmt.Sprintf("line %d: style %s %q is not a number or colour: default used", line, f, bad))
				}
			}
			lines[i] = "Style: " + strings.Join(parts, ",")
		case section == "events" && (key == "Dialogue" || key == "Comment"):
			if fields == nil {
				return "", nil, &ParseError{Format: FormatASS, Line: line, Msg: "event before the [Events] Format line"}
			}
			parts := strings.SplitN(val, ",", len(fields))
			if len(parts) < len(fields) {
				return "", nil, &ParseError{Format: FormatASS, Line: line, Msg: fmt.Sprintf("event has %d fields, the Format line names %d", len(parts), len(fields))}
			}
			for k, f := range fields {
				if f == "Text" {
					continue
				}
				parts[k] = strings.TrimSpace(parts[k])
				switch f {
				case "Start", "End":
					tm := parts[k]
					if strings.HasPrefix(tm, "-") {
						warns = append(warns, fmt.Sprintf("line %d: %s time %s is before zero: 0:00:00.00 used", line, f, tm))
						tm = "0:00:00.00"
					}
					if assNoFractionRe.MatchString(tm) {
						tm += ".00"
					}
					if !assTimeRe.MatchString(tm) {
						return "", nil, &ParseError{Format: FormatASS, Line: line, Msg: fmt.Sprintf("bad %s time %q: expected 0:00:01.00", f, parts[k])}
					}
					parts[k] = tm
				default:
					if bad := fixASSField(f, &parts[k]); bad != "" {
						warns = append(warns, fmt.Sprintf("line %d: %s %q is not a number: 0 used", line, f, bad))
					}
				}
			}
			lines[i] = key + ": " + strings.Join(parts, ",")
		}
	}
	return strings.Join(lines, "\n"), warns, nil
}

var assNoFractionRe = regexp.MustCompile(`^\d+:\d{1,2}:\d{1,2}$`)

// fixASSField puts a default into an empty or unreadable numeric or colour
// field; it returns the unreadable value ("" when the field was fine or
// merely empty).
func fixASSField(name string, v *string) string {
	switch {
	case assIntField[name]:
		if *v == "" {
			*v = "0"
			return ""
		}
		if _, err := strconv.Atoi(*v); err != nil {
			if f, err := strconv.ParseFloat(*v, 64); err == nil {
				*v = strconv.Itoa(int(f)) // "1.0"
				return ""
			}
			bad := *v
			*v = "0"
			return bad
		}
	case assFloatField[name]:
		if *v == "" {
			*v = "0"
			return ""
		}
		if _, err := strconv.ParseFloat(*v, 64); err != nil {
			bad := *v
			*v = "0"
			if name == "Fontsize" || name == "ScaleX" || name == "ScaleY" {
				*v = map[string]string{"Fontsize": "20", "ScaleX": "100", "ScaleY": "100"}[name]
			}
			return bad
		}
	case strings.HasSuffix(name, "Colour") || strings.HasSuffix(name, "Color"):
		if *v != "" && !assColourRe.MatchString(*v) {
			bad := *v
			*v = "&H00FFFFFF"
			return bad
		}
		if *v == "" {
			*v = "&H00FFFFFF"
		}
	}
	return ""
}
