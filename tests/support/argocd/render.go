// Renders an argocd-notifications template body the way the notifications controller does: Go's
// text/template over the notification's variables (here `.app`, the Application as JSON). Reads
// {"template": "...", "vars": {...}} on stdin and writes the rendered text to stdout.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"text/template"
)

func main() {
	var input struct {
		Template string                 `json:"template"`
		Vars     map[string]interface{} `json:"vars"`
	}
	if err := json.NewDecoder(os.Stdin).Decode(&input); err != nil {
		fmt.Fprintln(os.Stderr, "bad input:", err)
		os.Exit(2)
	}
	tmpl, err := template.New("body").Parse(input.Template)
	if err != nil {
		fmt.Fprintln(os.Stderr, "bad template:", err)
		os.Exit(1)
	}
	if err := tmpl.Execute(os.Stdout, input.Vars); err != nil {
		fmt.Fprintln(os.Stderr, "render failed:", err)
		os.Exit(1)
	}
}
