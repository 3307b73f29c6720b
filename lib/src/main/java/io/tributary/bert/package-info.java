/**
 * Hugging Face's BERT encoder, written from {@code modeling_bert.py}: one class per submodule, each
 * named as Hugging Face names it so that a class, its checkpoint keys and the file it is compared
 * with share one name. It knows nothing of what other packages inject beside it.
 */
package io.tributary.bert;
