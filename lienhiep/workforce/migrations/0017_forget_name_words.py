"""On PostgreSQL: the name-word vocabulary forgets the words no name has any more.

The finder corrects a slip in a typed word only when no name has that word as typed.
The vocabulary learnt every word of every name and never forgot one: after "Trần Thị
Dcu" was corrected to "Đức", "dcu" stayed a name word, so "nguyen van dcu" was no
longer corrected; and the words of an erased person's name stayed behind.

A statement trigger after DELETE, and after UPDATE for the words the statement's new
names no longer have, removes each such word that no person's name holds (the GIN
index on the name's words answers). Words already orphaned go now.
"""

from django.db import migrations

FORWARD = [
    """
    CREATE FUNCTION workforce_forget_name_words() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
        words text[];
    BEGIN
        IF TG_OP = 'UPDATE' THEN
            SELECT array_agg(w) INTO words FROM (
                SELECT unnest(string_to_array(name_folded, ' ')) FROM old_people
                EXCEPT
                SELECT unnest(string_to_array(name_folded, ' ')) FROM new_people
            ) AS dropped (w);
        ELSE
            SELECT array_agg(DISTINCT w) INTO words
            FROM old_people, unnest(string_to_array(old_people.name_folded, ' ')) AS w;
        END IF;
        IF words IS NOT NULL THEN
            DELETE FROM workforce_nameword n
            WHERE n.word = ANY (words) AND NOT EXISTS (
                SELECT 1 FROM workforce_person p
                WHERE string_to_array(p.name_folded, ' ') @> ARRAY[n.word]::text[]
            );
        END IF;
        RETURN NULL;
    END
    $$
    """,
    "CREATE TRIGGER person_name_words_deleted AFTER DELETE ON workforce_person"
    " REFERENCING OLD TABLE AS old_people"
    " FOR EACH STATEMENT EXECUTE FUNCTION workforce_forget_name_words()",
    "CREATE TRIGGER person_name_words_dropped AFTER UPDATE ON workforce_person"
    " REFERENCING OLD TABLE AS old_people NEW TABLE AS new_people"
    " FOR EACH STATEMENT EXECUTE FUNCTION workforce_forget_name_words()",
    """
    DELETE FROM workforce_nameword n WHERE NOT EXISTS (
        SELECT 1 FROM workforce_person p
        WHERE string_to_array(p.name_folded, ' ') @> ARRAY[n.word]::text[]
    )
    """,
]
BACKWARD = [
    "DROP TRIGGER IF EXISTS person_name_words_dropped ON workforce_person",
    "DROP TRIGGER IF EXISTS person_name_words_deleted ON workforce_person",
    "DROP FUNCTION IF EXISTS workforce_forget_name_words()",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("workforce", "0016_wider_name_parts")]
    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
