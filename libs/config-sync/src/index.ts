// Configuration as code: export, plan and apply of what the admin API manages.
export {};
