package script

// Version is the product version, kept equal to FyneApp.toml's.
const Version = "0.1.0"
