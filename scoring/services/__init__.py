"""Services: what pages and the CLI call. They check permissions, run one transaction per
save, write the audit log, and return records or plain result objects."""
