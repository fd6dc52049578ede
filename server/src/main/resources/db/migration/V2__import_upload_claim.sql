-- An import takes exactly one upload: the first PUT claims it by setting this.
ALTER TABLE imports ADD COLUMN upload_started_at timestamptz;
