"""The embeddable chat widget (`/widget.js`, `/widget.css`) and, outside production,
its demo page (`/`) with a development token endpoint (`POST /dev/token`)."""
