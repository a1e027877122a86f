"""The coding stage: the work of coders between the codebook and the report.

- the **queue** of answers a coder still has to code, and **bulk assign** (a theme to many answers at once) — the
  store's coding actions (:mod:`coding.store.queue`, :mod:`coding.store.codings`);
- **suggestions** learnt from the coded answers, accepted one by one or in bulk (:mod:`coding.work.suggestions`);
- **rules**: codebook keywords and regular expressions that pre-code answers (:mod:`coding.work.rules`);
- **double coding**: a sample coded blind by two or more coders (:mod:`coding.work.double_coding`), and
- **adjudication** of their disagreements;
- the **final codings** — the one rule deciding which themes of an answer count (:mod:`coding.work.final`) — and
  the **progress** counts built on it (:mod:`coding.work.progress`).

This layer combines the store and the NLP stages; it never touches the database itself (no SQLAlchemy, no ORM
rows): every read and write goes through a :mod:`coding.store` function, and only the store opens transactions.
"""
