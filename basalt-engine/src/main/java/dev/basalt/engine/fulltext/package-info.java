/**
 * FULLTEXT indexes and MATCH ... AGAINST, following InnoDB's rules: its tokenizer (word characters,
 * innodb_ft_min_token_size=3, innodb_ft_max_token_size=84, the default stopword list), its relevance
 * formula (the sum over query words of TF * IDF * IDF) and the boolean-mode operators.
 *
 * <p>The storage keeps an inverted index for a FULLTEXT index (the table layer's FulltextEntries,
 * read through {@link InvertedIndex}): a MATCH in WHERE reads only the rows holding its words and
 * takes the document frequencies its relevance needs from the entries (see {@link MatchAgainst}).
 */
package dev.basalt.engine.fulltext;
