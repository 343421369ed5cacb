package script

import (
	"reflect"
	"testing"
	"time"
)

// fill sets every field reachable from v to a non-zero value: two elements
// in every slice, two keys in every map, a value behind every pointer.
func fill(t *testing.T, v reflect.Value, n *int) {
	*n++
	switch v.Kind() {
	case reflect.String:
		v.SetString("甲" + string(rune('a'+*n%26)))
	case reflect.Int, reflect.Int64, reflect.Int32:
		if v.Type() == reflect.TypeOf(time.Duration(0)) {
			v.SetInt(int64(*n) * int64(time.Second))
		} else {
			v.SetInt(int64(*n))
		}
	case reflect.Float64, reflect.Float32:
		v.SetFloat(float64(*n) + 0.5)
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Uint8:
		v.SetUint(uint64(*n % 200))
	case reflect.Struct:
		if v.Type() == reflect.TypeOf(time.Time{}) {
			v.Set(reflect.ValueOf(time.Date(2026, 1, 1+*n%28, 0, 0, 0, 0, time.UTC)))
			return
		}
		for i := 0; i < v.NumField(); i++ {
			if !v.Type().Field(i).IsExported() {
				t.Fatalf("%s has an unexported field %s: Clone cannot be checked", v.Type(), v.Type().Field(i).Name)
			}
			fill(t, v.Field(i), n)
		}
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 2, 2)
		for i := 0; i < 2; i++ {
			fill(t, s.Index(i), n)
		}
		v.Set(s)
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		for i := 0; i < 2; i++ {
			k, e := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
			fill(t, k, n)
			fill(t, e, n)
			m.SetMapIndex(k, e)
		}
		v.Set(m)
	case reflect.Pointer:
		p := reflect.New(v.Type().Elem())
		fill(t, p.Elem(), n)
		v.Set(p)
	default:
		t.Fatalf("fill: add a case for %s (%s)", v.Type(), v.Kind())
	}
}

// shared reports a path where a and b (deep-equal) share memory.
func shared(a, b reflect.Value, path string) string {
	switch a.Kind() {
	case reflect.Pointer:
		if a.IsNil() {
			return ""
		}
		if a.Pointer() == b.Pointer() {
			return path
		}
		return shared(a.Elem(), b.Elem(), path)
	case reflect.Slice:
		if a.Len() == 0 {
			return ""
		}
		if a.Pointer() == b.Pointer() {
			return path
		}
		for i := 0; i < a.Len(); i++ {
			if s := shared(a.Index(i), b.Index(i), path+"[i]"); s != "" {
				return s
			}
		}
	case reflect.Map:
		if a.Len() == 0 {
			return ""
		}
		if a.Pointer() == b.Pointer() {
			return path
		}
		for _, k := range a.MapKeys() {
			if s := shared(a.MapIndex(k), b.MapIndex(k), path+"[k]"); s != "" {
				return s
			}
		}
	case reflect.Struct:
		for i := 0; i < a.NumField(); i++ {
			if s := shared(a.Field(i), b.Field(i), path+"."+a.Type().Field(i).Name); s != "" {
				return s
			}
		}
	}
	return ""
}

// TestCloneIsDeep fills every field of a project, including fields added
// later, and checks that the clone is equal and shares no memory.
func TestCloneIsDeep(t *testing.T) {
	var p Project
	n := 0
	fill(t, reflect.ValueOf(&p).Elem(), &n)
	c := p.Clone()
	if !reflect.DeepEqual(&p, c) {
		t.Fatalf("clone differs from the original:\n%+v\n%+v", p, *c)
	}
	if s := shared(reflect.ValueOf(&p).Elem(), reflect.ValueOf(c).Elem(), "Project"); s != "" {
		t.Fatalf("clone shares %s with the original", s)
	}
	// a change to the clone leaves the original alone
	c.Episodes[0].Scenes[0].Lines[0].Text = "改"
	c.Glossary[0].Render["x"] = "改"
	if p.Episodes[0].Scenes[0].Lines[0].Text == "改" || p.Glossary[0].Render["x"] == "改" {
		t.Fatal("editing the clone changed the original")
	}
}

func TestCloneNilAndEmpty(t *testing.T) {
	if (*Project)(nil).Clone() != nil || (*Episode)(nil).Clone() != nil {
		t.Fatal("nil must clone to nil")
	}
	c := (&Project{}).Clone()
	if !reflect.DeepEqual(c, &Project{}) {
		t.Fatalf("empty project cloned to %+v", c)
	}
}

func BenchmarkClone(b *testing.B) {
	p := &Project{}
	for i := 1; i <= 80; i++ {
		ep := &Episode{Number: i, Body: "△ 场景。\n顾言：台词。\n"}
		for s := 0; s < 6; s++ {
			ep.Scenes = append(ep.Scenes, Scene{Cast: []string{"顾言", "林夕"}, Lines: make([]Line, 20)})
		}
		p.Episodes = append(p.Episodes, ep)
	}
	b.ReportAllocs()
	for b.Loop() {
		_ = p.Clone()
	}
}
