package culture

// DatasetStats summarises a dataset (culture stats --json).
type DatasetStats struct {
	Elements    int               `json:"elements"`
	Regions     int               `json:"regions"` // province-level regions with elements
	ByType      map[string]int    `json:"by_type"`
	ByRegion    map[string]int    `json:"by_region"` // province code → elements
	RegionNames map[string]string `json:"region_names"`
	ICH         int               `json:"ich"`          // elements with 非遗 fields
	ICHVerified int               `json:"ich_verified"` // …whose code and batch are verified
	Sensitive   int               `json:"sensitive"`
	Packs       map[string]int    `json:"packs,omitempty"`
}

// Stats counts the dataset's elements by type and province.
func Stats(d *Dataset) DatasetStats {
	s := DatasetStats{ByType: map[string]int{}, ByRegion: map[string]int{}, RegionNames: map[string]string{}}
	for _, e := range d.Elements {
		s.Elements++
		s.ByType[e.Type]++
		if p := e.Province(); p != "" {
			s.ByRegion[p]++
			s.RegionNames[p] = d.RegionName(p)
		}
		if e.ICH != nil {
			s.ICH++
			if e.ICH.Verified {
				s.ICHVerified++
			}
		}
		if e.Sensitivity != SensNone {
			s.Sensitive++
		}
		if e.Pack != "" {
			if s.Packs == nil {
				s.Packs = map[string]int{}
			}
			s.Packs[e.Pack]++
		}
	}
	s.Regions = len(s.ByRegion)
	return s
}
