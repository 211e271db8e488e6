"""What goes into Nav's archive for a received claim: the archive copy and its journalpost (domene.md §11)."""
