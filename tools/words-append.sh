#!/bin/sh
# words-append.sh - append to include/schema/words.def the code-list names
# (as `caiji validate --list` prints them) that it does not hold yet.
#
#   sh tools/words-append.sh ./caiji > include/schema/words.def.new &&
#   mv include/schema/words.def.new include/schema/words.def
#
# The table is part of the member record format 3 (store.h, "Encoding"):
# a stored word is its line number, so lines are only ever appended, never
# edited, removed or reordered (test_store pins the released lines).  Run it
# after a code list gained names; a name a list dropped stays in the table.
set -eu
caiji=${1:-./caiji}
def=${DEF:-include/schema/words.def}
lists="sex ethnicity education member_category job party_status yesno
confirm_method org_category unit_situation unit_category unit_party_status
region"

cat "$def"
for k in $lists; do
	"$caiji" validate --list "$k" | awk -F'\t' '{ print $2 }'
done | awk -v def="$def" '
BEGIN {
	while ((getline line < def) > 0)
		if (line ~ /^WORD\("/) {
			sub(/^WORD\("/, "", line)
			sub(/"\)$/, "", line)
			have[line] = 1
		}
}
$0 != "" && !($0 in have) {
	if ($0 ~ /["\\]/) {
		print "words-append: a name with a quote or backslash: " $0 > "/dev/stderr"
		exit 1
	}
	have[$0] = 1
	printf "WORD(\"%s\")\n", $0
}'
