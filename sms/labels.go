package sms

import "github.com/mtaa-project/mtaa/data"

// CategoryLabel is the label of category id in lang: Haitian Creole
// falls back on French, any other language on English, an unknown id is
// itself.
func CategoryLabel(tax *data.Taxonomy, id, lang string) string {
	c := tax.Category(id)
	if c == nil {
		return id
	}
	for _, l := range labelLangs(lang) {
		if s := c.Labels[l]; s != "" {
			return s
		}
	}
	return c.Labels["en"]
}

// MenuLabel is the label of category id on the SMS category menu in
// lang: its short menu label (data.Category.Menu) or else its label in
// lang, then the same in the languages CategoryLabel falls back on, so
// that a city's own label in lang wins over a short one of another
// language.
func MenuLabel(tax *data.Taxonomy, id, lang string) string {
	c := tax.Category(id)
	if c == nil {
		return id
	}
	for _, l := range labelLangs(lang) {
		if s := c.Menu[l]; s != "" {
			return s
		}
		if s := c.Labels[l]; s != "" {
			return s
		}
	}
	return CategoryLabel(tax, id, lang)
}

// labelLangs are the languages a label in lang is looked for in, in
// order: lang, then French for Haitian Creole, then English.
func labelLangs(lang string) []string {
	if lang == "ht" {
		return []string{"ht", "fr", "en"}
	}
	return []string{lang, "en"}
}
