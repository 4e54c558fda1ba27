// Package learn trains the classifier's model (one-vs-rest logistic
// regression over the hashed features of package feature plus the
// taxonomy keyword matcher's confidence) and measures the classifier by
// k-fold cross-validation on the development corpus. classify/train and
// classify/evalsms are its command-line front ends.
package learn

import (
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"

	"github.com/mtaa-project/mtaa/classify"
	"github.com/mtaa-project/mtaa/classify/internal/corpus"
	"github.com/mtaa-project/mtaa/classify/internal/feature"
	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/text"
)

// Options are the training settings; the zero value is not usable, start
// from DefaultOptions.
type Options struct {
	// Epochs is the number of passes over the examples.
	Epochs int
	// L2 is the weight of the L2 penalty on the feature weights (the bias
	// and the keyword weight are not penalised).
	L2 float64
	// Rate is the AdaGrad learning rate.
	Rate float64
	// Prune drops feature weights smaller than this in magnitude.
	Prune float64
	// MinPositives is the number of labelled rows a category needs to get
	// its own head; others are read by their keywords only.
	MinPositives int
	// Seed fixes the order examples are visited in.
	Seed uint64
	// Shrink is how many texts with a keyword of a category the training
	// needs before the category's own estimate of how far its keywords
	// are right outweighs the estimate pooled over all categories
	// (AnyCategoryHead): with m such texts, the own estimate counts
	// m/(m+Shrink). A category whose keywords are seldom in the examples
	// would otherwise learn that they mean little from two or three
	// misses (fire: 14 labelled texts), or, when they are in none, learn
	// nothing about them and read a keyword ("disparu", "kadav", or one a
	// city adds) as the category's base rate: never listed.
	Shrink float64
	// NB scales each feature by its naive Bayes log-count ratio before the
	// regression (NB-LR, as NBSVM: Wang and Manning 2012), which helps
	// with few examples.
	NB bool
}

// DefaultOptions are the settings the shipped model is trained with.
var DefaultOptions = Options{Epochs: 30, L2: 2e-2, Rate: 0.2, Prune: 0.01, MinPositives: 3, Seed: 1, Shrink: 40}

// Example is one text to learn from.
type Example struct {
	Text     string
	Needs    []string
	Relevant bool
}

// Examples turns corpus rows into examples: both the original and the
// English message of each row, with the row's labels. A message is
// relevant when it is a request or names a need.
func Examples(rows []corpus.Row) []Example {
	var ex []Example
	for _, r := range rows {
		rel := r.Request || len(r.Needs) > 0
		for _, t := range []string{r.Original, r.Message} {
			if len(text.Words(t)) > 0 {
				ex = append(ex, Example{Text: t, Needs: r.Needs, Relevant: rel})
			}
		}
	}
	return ex
}

// Source is the attribution written into the model.
const Source = "trained on the genre=direct messages of disaster_response_validation.csv " +
	"(rmunro/disaster_response_messages; Robert Munro, Processing short message communications " +
	"in low-resource languages, PhD dissertation, Stanford University, 2012; CC BY 4.0)"

// encoded is an example as the learner sees it.
type encoded struct {
	feats []uint32
	norm  float64
	kw    []float64 // keyword confidence per taxonomy category
	best  float64   // best keyword confidence of any category
	ex    *Example
}

// Fit trains a model for tax's categories on examples. The same examples
// and options always give the same model.
func Fit(tax *data.Taxonomy, examples []Example, opt Options) (*classify.Model, error) {
	if len(examples) == 0 {
		return nil, fmt.Errorf("fit: no examples")
	}
	km := classify.NewKeywordMatcher(tax)
	index := map[string]int{}
	for i, c := range tax.Categories {
		index[c.ID] = i
	}
	enc := make([]encoded, len(examples))
	positives := map[string]int{}
	matched := make([]int, len(tax.Categories)) // texts with a keyword of the category
	for i := range examples {
		e := &examples[i]
		x := encoded{ex: e}
		x.feats = feature.Append(nil, km.Words(e.Text))
		if len(x.feats) > 0 {
			x.norm = 1 / math.Sqrt(float64(len(x.feats)))
		}
		x.kw = km.Evidence(e.Text)
		for ci, v := range x.kw {
			x.best = max(x.best, v)
			if v > 0 {
				matched[ci]++
			}
		}
		enc[i] = x
		for _, n := range e.Needs {
			positives[n]++
		}
	}
	m := &classify.Model{Version: classify.ModelVersion, Source: Source}
	m.Labelled = map[string]int{}
	for _, c := range tax.Categories {
		if n := positives[c.ID]; n > 0 {
			m.Labelled[c.ID] = n
		}
	}
	anyHead := fitAnyCategory(enc, tax, opt)
	// The heads are independent (each has its own weights and its own
	// fixed visiting order), so they are trained at once, one goroutine
	// each, and put in the model in taxonomy order: the same bytes as
	// one after the other, in less time.
	var jobs []func() classify.Head
	for ci, c := range tax.Categories {
		n := positives[c.ID]
		if c.ID == classify.OtherCategory || n < opt.MinPositives {
			continue
		}
		own := float64(matched[ci]) / (float64(matched[ci]) + opt.Shrink)
		jobs = append(jobs, func() classify.Head {
			h := train(enc, opt, func(x *encoded) (float64, bool) {
				return x.kw[ci], slices.Contains(x.ex.Needs, c.ID)
			}, func(bias, kw float64) (float64, float64) {
				// At one keyword found, the logit moves from the category's
				// own estimate towards the pooled one; with none it stays.
				pooled := anyHead.Bias + anyHead.Keyword - bias
				return bias, own*kw + (1-own)*pooled
			})
			h.Name = c.ID
			return h
		})
	}
	jobs = append(jobs, func() classify.Head {
		rel := train(enc, opt, func(x *encoded) (float64, bool) { return x.best, x.ex.Relevant }, nil)
		rel.Name = classify.RelevanceHead
		return rel
	})
	heads := make([]classify.Head, len(jobs))
	var wg sync.WaitGroup
	limit := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, job := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			limit <- struct{}{}
			heads[i] = job()
			<-limit
		}()
	}
	wg.Wait()
	m.Heads = append(heads, anyHead)
	return m, nil
}

// train fits one head: label gives an example's keyword evidence for
// the head and whether it is a positive; shrink, when not nil, adjusts
// the keyword prior before the features are fitted.
func train(enc []encoded, opt Options, label func(*encoded) (float64, bool), shrink func(bias, kw float64) (float64, float64)) classify.Head {
	const n = 1 << feature.Bits
	w := make([]float64, n)
	g2 := make([]float64, n)
	// First the keyword prior alone: how far the keyword matcher is
	// right about this head. The features then learn what it misses and
	// where it is wrong, on top of it; fitted together, the features
	// memorise the few examples and the keywords of a city (which the
	// model has never seen) would count for little.
	bias, kw := fitPrior(enc, opt, label)
	if shrink != nil {
		bias, kw = shrink(bias, kw)
	}
	r := make([]float64, n)
	for i := range r {
		r[i] = 1
	}
	if opt.NB {
		r = logCountRatio(enc, label)
	}
	rng := rand.New(rand.NewPCG(opt.Seed, 0x6d746161))
	order := make([]int, len(enc))
	for i := range order {
		order[i] = i
	}
	for range opt.Epochs {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, i := range order {
			x := &enc[i]
			k, pos := label(x)
			z := bias + kw*k
			for _, f := range x.feats {
				z += w[f] * r[f] * x.norm
			}
			y := 0.0
			if pos {
				y = 1
			}
			g := sigmoidOf(z) - y
			for _, f := range x.feats {
				gf := g*x.norm*r[f] + opt.L2*w[f]
				g2[f] += gf * gf
				w[f] -= opt.Rate * gf / math.Sqrt(g2[f]+1e-8)
			}
		}
	}
	for f := range w {
		w[f] *= r[f]
	}
	return quantize(w, bias, kw, opt.Prune)
}

// logCountRatio is the naive Bayes log-count ratio of every feature for
// a head: log of (share of the positives' features that are f) over
// (share of the negatives' features that are f), with add-one smoothing.
func logCountRatio(enc []encoded, label func(*encoded) (float64, bool)) []float64 {
	const n = 1 << feature.Bits
	const alpha = 1.0
	p := make([]float64, n)
	q := make([]float64, n)
	var sp, sq float64
	for i := range enc {
		_, pos := label(&enc[i])
		for _, f := range enc[i].feats {
			if pos {
				p[f]++
				sp++
			} else {
				q[f]++
				sq++
			}
		}
	}
	r := make([]float64, n)
	for f := range r {
		r[f] = math.Log(((p[f] + alpha) / (sp + alpha*n)) / ((q[f] + alpha) / (sq + alpha*n)))
	}
	return r
}

// fitPrior fits the bias and keyword weight of a head on the keyword
// confidence alone.
func fitPrior(enc []encoded, opt Options, label func(*encoded) (float64, bool)) (bias, kw float64) {
	var gBias, gKw float64
	for range opt.Epochs * 4 {
		for i := range enc {
			k, pos := label(&enc[i])
			y := 0.0
			if pos {
				y = 1
			}
			g := sigmoidOf(bias+kw*k) - y
			gBias += g * g
			bias -= opt.Rate * g / math.Sqrt(gBias+1e-8)
			if k != 0 {
				gk := g * k
				gKw += gk * gk
				kw -= opt.Rate * gk / math.Sqrt(gKw+1e-8)
			}
		}
	}
	return bias, kw
}

// fitAnyCategory fits the keyword-only head: over every (message,
// category) pair where a keyword of a category with labels matched, how
// likely the category is right given the keyword's confidence.
func fitAnyCategory(enc []encoded, tax *data.Taxonomy, opt Options) classify.Head {
	type pair struct {
		k   float64
		pos bool
	}
	labelled := map[string]bool{}
	for _, cat := range corpus.LabelMap {
		labelled[cat] = true
	}
	var pairs []pair
	for _, x := range enc {
		for ci, c := range tax.Categories {
			if x.kw[ci] > 0 && labelled[c.ID] {
				pairs = append(pairs, pair{x.kw[ci], slices.Contains(x.ex.Needs, c.ID)})
			}
		}
	}
	var bias, kw, gBias, gKw float64
	for range opt.Epochs * 4 {
		for _, p := range pairs {
			y := 0.0
			if p.pos {
				y = 1
			}
			g := sigmoidOf(bias+kw*p.k) - y
			gBias += g * g
			bias -= opt.Rate * g / math.Sqrt(gBias+1e-8)
			gk := g * p.k
			gKw += gk * gk
			kw -= opt.Rate * gk / math.Sqrt(gKw+1e-8)
		}
	}
	return classify.Head{Name: classify.AnyCategoryHead, Bias: round(bias), Keyword: round(kw), Scale: 1}
}

// weightSteps is the number of steps between 0 and the largest weight
// of a head in the model file.
const weightSteps = 1023

// quantize keeps the weights at least prune in magnitude, as multiples
// of the head's Scale.
func quantize(w []float64, bias, kw, prune float64) classify.Head {
	top := 0.0
	for _, v := range w {
		top = max(top, math.Abs(v))
	}
	h := classify.Head{Bias: round(bias), Keyword: round(kw), Scale: 1}
	if top == 0 {
		return h
	}
	h.Scale = round(top / weightSteps)
	last := uint32(0)
	for f, v := range w {
		q := int32(math.Round(v / h.Scale))
		if math.Abs(v) < prune || q == 0 {
			continue
		}
		h.Features = append(h.Features, uint32(f)-last)
		h.Weights = append(h.Weights, q)
		last = uint32(f)
	}
	return h
}

// round keeps 6 significant digits, enough for a weight and short in the
// file.
func round(v float64) float64 {
	if v == 0 {
		return 0
	}
	p := math.Pow(10, 5-math.Floor(math.Log10(math.Abs(v))))
	return math.Round(v*p) / p
}

func sigmoidOf(x float64) float64 { return 1 / (1 + math.Exp(-x)) }
