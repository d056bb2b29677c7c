// Package protocol runs the experiments the project decides with, in
// process and from one definition of the corpora (internal/corpus):
//
//   - MakeModel: the default model's build (make model): featurize a
//     corpus's training and tuning parts, choose the number of leaves by
//     cross-validation on the tuning set (the highest mean bidirectional AUC
//     at 4 decimals, the first of equals), train the final model with
//     feature selection, and record the corpus in it;
//   - LOSO: leave one source out: for every source, a model trained on the
//     other sources' training pairs scored on its test pairs, beside the
//     model trained on every source (in distribution);
//   - Candidates: candidate default models scored on the protocol's test
//     sets from the raw pairs, judged by the replacement Rule;
//   - InDistribution: for each source, the full plan against the
//     runner-up's measures, trained on the source's first N pairs;
//   - Ablation: leave one source out at N pairs per source of a corpus
//     (make-model's), with every model scored on every test set;
//   - AdaptBench: an adaptation (causal adapt, train --adapt-to, by pairs
//     or by source) against its unadapted control, judged by the
//     adaptation Rule.
//
// Features are cached by content (Cache: the part of the corpus drawn and
// the plan's hash name the file), not by stamp files. Results are typed
// values that print as the Markdown tables of BENCHMARKS.md and as JSON.
// A model is scored on TestSets: a generated source's test pairs now, any
// labelled collection (a real data set of our own) alike.
package protocol
