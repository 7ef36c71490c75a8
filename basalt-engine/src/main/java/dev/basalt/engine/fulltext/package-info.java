/**
 * FULLTEXT indexes and MATCH ... AGAINST, following InnoDB's rules: its tokenizer (word characters,
 * innodb_ft_min_token_size=3, innodb_ft_max_token_size=84, the default stopword list), its relevance
 * formula (the sum over query words of TF * IDF * IDF) and the boolean-mode operators.
 *
 * <p>A FULLTEXT index is catalog metadata only: the storage keeps no entries for it, and a MATCH
 * evaluates over the rows the query reads, after one scan of the table for the document frequencies
 * its relevance needs (see {@link MatchAgainst}).
 */
package dev.basalt.engine.fulltext;
