-- kv_check fails the statement (and so the transaction, before COMMIT in
-- the same pipeline runs) when ok is false.
CREATE FUNCTION kv_check(ok boolean, msg text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	IF NOT ok THEN
		RAISE EXCEPTION USING ERRCODE = 'P0001', MESSAGE = msg;
	END IF;
END
$$;
