"""Load the catalogues: the 54 ethnic groups (with their statistical codes), degrees, titles.

They stay editable by an administrator afterwards; synonyms are the spellings
that rosters use.
"""

from django.db import migrations

ETHNIC_GROUPS = [
    ("01", "Kinh", "Việt"),
    ("02", "Tày", ""),
    ("03", "Thái", ""),
    ("04", "Hoa", ""),
    ("05", "Khmer", "Khơ-me\nKhơ me"),
    ("06", "Mường", ""),
    ("07", "Nùng", ""),
    ("08", "Mông", "H'Mông\nHmông\nHMông"),
    ("09", "Dao", ""),
    ("10", "Gia Rai", "Gia-rai\nJrai"),
    ("11", "Ngái", ""),
    ("12", "Ê Đê", "Ê-đê\nÊđê"),
    ("13", "Ba Na", "Bana\nBa-na"),
    ("14", "Xơ Đăng", "Xơ-đăng"),
    ("15", "Sán Chay", "Cao Lan\nSán Chỉ"),
    ("16", "Cơ Ho", "Cơ-ho"),
    ("17", "Chăm", ""),
    ("18", "Sán Dìu", ""),
    ("19", "Hrê", "H're"),
    ("20", "Mnông", "M'nông"),
    ("21", "Raglai", "Ra-glai"),
    ("22", "Xtiêng", "X'tiêng"),
    ("23", "Bru - Vân Kiều", "Bru Vân Kiều\nVân Kiều"),
    ("24", "Thổ", ""),
    ("25", "Giáy", ""),
    ("26", "Cơ Tu", "Cơ-tu"),
    ("27", "Giẻ Triêng", "Gié Triêng"),
    ("28", "Mạ", ""),
    ("29", "Khơ Mú", "Khơ-mú\nKhơmú\nKhmu"),
    ("30", "Co", ""),
    ("31", "Tà Ôi", "Tà-ôi"),
    ("32", "Chơ Ro", "Chơ-ro"),
    ("33", "Kháng", ""),
    ("34", "Xinh Mun", "Xinh-mun"),
    ("35", "Hà Nhì", ""),
    ("36", "Chu Ru", "Chu-ru"),
    ("37", "Lào", ""),
    ("38", "La Chí", ""),
    ("39", "La Ha", ""),
    ("40", "Phù Lá", ""),
    ("41", "La Hủ", ""),
    ("42", "Lự", ""),
    ("43", "Lô Lô", ""),
    ("44", "Chứt", ""),
    ("45", "Mảng", ""),
    ("46", "Pà Thẻn", ""),
    ("47", "Cờ Lao", "Co Lao"),
    ("48", "Cống", ""),
    ("49", "Bố Y", ""),
    ("50", "Si La", ""),
    ("51", "Pu Péo", ""),
    ("52", "Brâu", ""),
    ("53", "Ơ Đu", ""),
    ("54", "Rơ Măm", "Rơ-măm"),
]

# (code, name, rank, synonyms)
DEGREES = [
    ("TSKH", "Tiến sĩ khoa học", 8, "TSKH.\nTiến sỹ khoa học\nDSc"),
    ("TS", "Tiến sĩ", 7, "TS.\nTiến sỹ\nPhD\nDr"),
    ("CKII", "Chuyên khoa cấp II", 6, "BSCKII\nBS CKII\nCK2\nChuyên khoa II"),
    ("ThS", "Thạc sĩ", 5, "ThS.\nThạc sỹ\nThS\nMaster"),
    ("CKI", "Chuyên khoa cấp I", 4, "BSCKI\nBS CKI\nCK1\nChuyên khoa I"),
    ("ĐH", "Đại học", 3, "Cử nhân\nKỹ sư\nBác sĩ\nBác sỹ\nDược sĩ\nKiến trúc sư\nCN\nKS\nBS\nĐại học"),
    ("CĐ", "Cao đẳng", 2, "Cao đẳng"),
    ("TC", "Trung cấp", 1, "Trung cấp\nTHCN"),
]

TITLES = [
    ("GS", "Giáo sư", "GS.\nGiáo sư"),
    ("PGS", "Phó Giáo sư", "PGS.\nPhó giáo sư\nP.GS"),
]


def load(apps, schema_editor):
    Ethnicity = apps.get_model("workforce", "Ethnicity")
    Degree = apps.get_model("workforce", "Degree")
    AcademicTitle = apps.get_model("workforce", "AcademicTitle")
    for position, (code, name, synonyms) in enumerate(ETHNIC_GROUPS, start=1):
        Ethnicity.objects.update_or_create(
            code=code, defaults={"name": name, "synonyms": synonyms, "position": position}
        )
    for position, (code, name, rank, synonyms) in enumerate(DEGREES, start=1):
        Degree.objects.update_or_create(
            code=code,
            defaults={"name": name, "rank": rank, "synonyms": synonyms, "position": position},
        )
    for position, (code, name, synonyms) in enumerate(TITLES, start=1):
        AcademicTitle.objects.update_or_create(
            code=code, defaults={"name": name, "synonyms": synonyms, "position": position}
        )


class Migration(migrations.Migration):
    dependencies = [("workforce", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
