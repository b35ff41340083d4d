-- 0006: a covering index for the public document lists. Document rows are wide (bodies inline), so
-- counting a department's public documents through idx_documents_published read every row's first
-- page; with the filter columns in the index the count and the paging never touch the table.
CREATE INDEX idx_documents_public_list ON documents (state, disclosure_mode, department_id, published_at, id);
