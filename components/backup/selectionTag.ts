// The tag AWS Backup selects on: resources that must be backed up carry it, the backup plan selects it.

/** The tag AWS Backup selects on: the core database and the core hosts' volumes carry it. */
export const BACKUP_SELECTION_TAG = { key: "backup", value: "true" } as const;

/** The selection tag as a tags entry, for resources that must be backed up. */
export const BACKUP_TAGS: Readonly<Record<string, string>> = { [BACKUP_SELECTION_TAG.key]: BACKUP_SELECTION_TAG.value };
