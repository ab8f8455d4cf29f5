/*
 * synth.c - synthetic but valid members, ID numbers and unit codes for
 * `caiji demo` and `caiji gen` (see synth.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codelist.h"
#include "schema.h"
#include "synth.h"
#include "validate.h"

uint64_t
synth_next(struct synth_rng *r)
{
	uint64_t z = (r->s += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

uint32_t
synth_below(struct synth_rng *r, uint32_t n)
{
	return (uint32_t)(((synth_next(r) >> 32) * (uint64_t)n) >> 32);
}

/* ---- dates ---- */

int64_t
synth_days(int y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void
civil(int64_t z, int *y, int *m, int *d)
{
	int64_t era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

void
synth_date(int64_t days, char *out)
{
	int y, m, d;

	civil(days, &y, &m, &d);
	if (y < 0 || y > 9999)
		y = 0;
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
}

int
synth_parse_date(const char *s, int *y, int *m, int *d)
{
	if (s == NULL || sscanf(s, "%4d-%2d-%2d", y, m, d) != 3 ||
	    *m < 1 || *m > 12 || *d < 1 || *d > 31)
		return -1;
	return 0;
}

/* days + whole years, the 29th of February becoming the 28th */
static int64_t
plus_years(int64_t days, int years)
{
	int y, m, d;

	civil(days, &y, &m, &d);
	y += years;
	if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		d = 28;
	return synth_days(y, m, d);
}

/* ---- codes ---- */

void
synth_idcard(char *out, const char *region, int y, int mo, int d, unsigned seq)
{
	snprintf(out, 19, "%.6s%04d%02d%02d%03u", region, y % 10000, mo, d, seq % 1000);
	out[17] = idcard_check_char(out);
	out[18] = '\0';
}

void
synth_uscc(char *out, const char *region, const char *body8)
{
	snprintf(out, 19, "91%.6s%.8s", region, body8);
	out[16] = orgcode_check_char(out + 8);
	out[17] = uscc_check_char(out);
	out[18] = '\0';
}

/* ---- names and addresses ---- */

static const char *const surnames[] = {
	"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙",
	"马", "朱", "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋",
	"唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁",
	"潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁",
	"任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "金",
	"石", "廖", "贾", "夏", "韦", "付", "方", "白", "邹", "孟", "熊", "秦",
	"邱", "江", "尹", "薛", "闫", "段", "雷", "侯", "龙", "史", "陶", "黎",
	"贺", "顾", "毛", "郝", "龚", "邵", "万", "钱", "严", "覃", "武", "戴",
	"莫", "孔", "向", "汤", "欧阳", "司马", "诸葛", "上官",
};

/* The first 24 surnames are drawn more often, like real frequencies. */
#define COMMON_SURNAMES 24

static const char *const given_m[] = {
	"伟", "强", "磊", "军", "勇", "杰", "涛", "斌", "超", "明", "刚", "平",
	"辉", "鹏", "华", "飞", "鑫", "波", "宇", "浩", "凯", "健", "俊", "帆",
	"旭", "宁", "龙", "林", "阳", "建", "国", "志", "文", "海", "东", "峰",
	"成", "亮", "新", "春", "晓", "永", "天", "鸿", "博", "德", "宏", "立",
	"兵", "忠", "毅", "彬", "翔", "振", "荣", "庆", "昊", "哲", "睿", "嘉",
};

static const char *const given_f[] = {
	"芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "燕", "玲", "桂", "英",
	"秀", "兰", "萍", "红", "婷", "雪", "琳", "慧", "颖", "莉", "倩", "洁",
	"晶", "丹", "蕾", "欣", "悦", "佳", "怡", "梦", "雨", "瑶", "薇", "岚",
	"彤", "月", "春", "晓", "文", "华", "凤", "琴", "云", "梅", "霞", "瑞",
};

static const char *const uyghur_m[] = {
	"买买提·吐尔逊", "艾力·阿不都拉", "阿不都热合曼·依明", "努尔买买提·热合曼",
};

static const char *const uyghur_f[] = {
	"阿依古丽·买买提", "热依拉·吐尔逊", "古丽娜尔·艾力", "帕提古丽·阿不都",
};

static const char *const roads[] = {
	"人民路", "解放路", "中山路", "建设路", "和平路", "新华路", "文化路",
	"胜利路", "光明路", "青年路", "长江路", "黄河路", "朝阳路", "幸福路",
	"团结路", "振兴路", "学府路", "滨江路", "花园路", "工农路", "健康路",
	"东风路", "迎宾大道", "园林路", "育才路", "春华街", "府前街", "东大街",
	"西大街", "南环路", "北环路", "金桥路", "兴业路", "科技路", "创业大道",
};

static const char *const estates[] = {
	"阳光花园", "锦绣家园", "翠湖小区", "金色家园", "和谐家园", "滨江苑",
	"幸福里", "书香苑", "丽景园", "华庭小区", "新村", "康乐苑",
};

/* Weighted picks: each entry is (name, weight). */
struct wpick { const char *name; unsigned w; };

static const struct wpick ethnicities[] = {
	{ "汉族", 915 }, { "壮族", 12 }, { "回族", 9 }, { "满族", 9 },
	{ "维吾尔族", 8 }, { "苗族", 8 }, { "彝族", 7 }, { "土家族", 7 },
	{ "藏族", 5 }, { "蒙古族", 5 }, { "侗族", 3 }, { "布依族", 3 },
	{ "瑶族", 2 }, { "白族", 2 }, { "朝鲜族", 2 }, { "哈尼族", 1 },
	{ "黎族", 1 }, { "哈萨克族", 1 },
};

static const struct wpick educations[] = {
	{ "大学", 38 }, { "大专", 22 }, { "硕士研究生", 9 }, { "中等专科", 8 },
	{ "普通高中", 9 }, { "初中", 8 }, { "博士研究生", 2 }, { "小学", 2 },
	{ "职业高中", 1 }, { "技工学校", 1 },
};

static const struct wpick jobs[] = {
	{ "公有经济控制企业专业技术岗位", 14 }, { "公有经济控制企业管理岗位", 10 },
	{ "非公有经济控制企业专业技术岗位", 8 }, { "非公有经济控制企业管理岗位", 6 },
	{ "事业单位专业技术岗位", 10 }, { "事业单位管理岗位", 5 },
	{ "公务员", 7 }, { "公有经济控制单位工勤岗位", 6 },
	{ "农牧渔业生产人员", 8 }, { "外出务工经商人员", 3 },
	{ "退休人员", 18 }, { "离休干部", 1 }, { "大学本科其他年级学生", 2 },
	{ "研究生一年级学生", 1 }, { "民办非企业专业技术岗位", 1 },
};

static const char *
wpick(struct synth_rng *r, const struct wpick *t, size_t n)
{
	unsigned total = 0, x;
	size_t i;

	for (i = 0; i < n; i++)
		total += t[i].w;
	x = synth_below(r, total);
	for (i = 0; i < n; i++) {
		if (x < t[i].w)
			return t[i].name;
		x -= t[i].w;
	}
	return t[0].name;
}

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void
make_name(struct synth_rng *r, int male, const char *ethnicity, char *out, size_t n)
{
	const char *const *g = male ? given_m : given_f;
	size_t ng = male ? N(given_m) : N(given_f);
	const char *s;

	if (strcmp(ethnicity, "维吾尔族") == 0) {
		snprintf(out, n, "%s", male ? uyghur_m[synth_below(r, N(uyghur_m))] :
		    uyghur_f[synth_below(r, N(uyghur_f))]);
		return;
	}
	s = synth_below(r, 3) < 2 ? surnames[synth_below(r, COMMON_SURNAMES)] :
	    surnames[synth_below(r, N(surnames))];
	if (synth_below(r, 10) < 7)
		snprintf(out, n, "%s%s%s", s, g[synth_below(r, ng)], g[synth_below(r, ng)]);
	else
		snprintf(out, n, "%s%s", s, g[synth_below(r, ng)]);
}

static void
make_address(struct synth_rng *r, const char *region, char *out, size_t n)
{
	const char *road = roads[synth_below(r, N(roads))];
	unsigned no = 1 + synth_below(r, 399);

	switch (synth_below(r, 4)) {
	case 0:
		snprintf(out, n, "%s%s%u号", region, road, no);
		break;
	case 1:
		snprintf(out, n, "%s%s%u号%s%u幢%u单元%u%02u室", region, road, no,
		    estates[synth_below(r, N(estates))], 1 + synth_below(r, 20),
		    1 + synth_below(r, 4), 1 + synth_below(r, 18), 1 + synth_below(r, 4));
		break;
	default:
		snprintf(out, n, "%s%s%u号%u栋%u%02u室", region, road, no,
		    1 + synth_below(r, 30), 1 + synth_below(r, 25), 1 + synth_below(r, 4));
		break;
	}
}

static void
make_mobile(struct synth_rng *r, char *out, size_t n)
{
	static const char *const pre[] = {
		"130", "131", "132", "133", "135", "136", "137", "138", "139", "150",
		"151", "152", "153", "155", "156", "157", "158", "159", "166", "177",
		"180", "181", "182", "183", "185", "186", "187", "188", "189", "199",
	};

	snprintf(out, n, "%s%04u%04u", pre[synth_below(r, N(pre))],
	    synth_below(r, 10000), synth_below(r, 10000));
}

/* ---- the generator ---- */

#define BIRTH_FIRST_YEAR 1940
#define SEQS 999

static uint64_t
gcd64(uint64_t a, uint64_t b)
{
	while (b) {
		uint64_t t = a % b;
		a = b;
		b = t;
	}
	return a;
}


int
synth_init(struct synth *g, uint64_t seed, const char *ref_date)
{
	const struct codelist *l = codelist_get(CL_REGION);
	struct synth_rng r = { seed ^ 0x5A17C0DEULL };
	int y, m, d;

	memset(g, 0, sizeof *g);
	if (l == NULL || l->n == 0)
		return -1;
	if (ref_date == NULL || synth_parse_date(ref_date, &y, &m, &d) != 0)
		ref_date = "2025-06-30";
	snprintf(g->ref_date, sizeof g->ref_date, "%s", ref_date);
	synth_parse_date(g->ref_date, &y, &m, &d);
	g->ref_days = synth_days(y, m, d);
	/* born 1940-01-01 .. 21 years before the reference day */
	g->ndays = plus_years(g->ref_days, -21) - synth_days(BIRTH_FIRST_YEAR, 1, 1);
	g->seed = seed;
	g->region = l->e;
	g->nregion = l->n;
	g->space = (uint64_t)g->nregion * (uint64_t)g->ndays * SEQS;
	/* an odd multiplier coprime with the space: i -> (mul*i + add) mod space */
	g->mul = (synth_next(&r) % g->space) | 1;
	while (gcd64(g->mul, g->space) != 1)
		g->mul += 2;
	g->add = synth_next(&r) % g->space;
	return 0;
}

uint64_t
synth_capacity(const struct synth *g)
{
	return g->space;
}

static uint64_t
mulmod(uint64_t a, uint64_t b, uint64_t m)
{
	return (uint64_t)((unsigned __int128)a * b % m);
}

/* A value of code list `list` for the field with store tag `tag` of member
 * index, from a stream of its own (so the fields drawn above keep theirs).
 * Unused while no field of the schema asks for it. */
static __attribute__((unused)) void
synth_coded(const struct synth *g, uint64_t index, unsigned tag, int list,
    char *dst, size_t n)
{
	struct synth_rng r = { (g->seed * 0x100000001B3ULL ^ (index + 1) *
	    0x9E3779B97F4A7C15ULL) + tag * 0xD1B54A32D192ED03ULL };
	const struct codelist *l = codelist_get(list);

	if (l != NULL && l->n > 0)
		snprintf(dst, n, "%s", l->e[synth_below(&r, (uint32_t)l->n)].name);
}

/* The schema's synth column: SYN_HAND fields are made by synth_member's own
 * correlated code below, SYN_EMPTY ones stay empty, SYN_CODED ones get a
 * value of their code list. */
#define SCH_SYN_SYN_HAND(key, list, tag)
#define SCH_SYN_SYN_EMPTY(key, list, tag)
#define SCH_SYN_SYN_CODED(key, list, tag) \
	synth_coded(g, index, tag, list, m->key, sizeof m->key);

void
synth_member(const struct synth *g, uint64_t index, struct member *m)
{
	struct synth_rng r = { g->seed * 0x100000001B3ULL ^ (index + 1) * 0x9E3779B97F4A7C15ULL };
	uint64_t j, nd = (uint64_t)g->ndays;
	unsigned seq, reg;
	int64_t birth, ref, join, lo, hi;
	int y, mo, d, male;
	const char *ethnicity;

	ref = g->ref_days;
	j = (mulmod(g->mul, index % g->space, g->space) + g->add) % g->space;
	seq = 1 + (unsigned)(j % SEQS);
	j /= SEQS;
	birth = synth_days(BIRTH_FIRST_YEAR, 1, 1) + (int64_t)(j % nd);
	reg = (unsigned)(j / nd);
	male = seq % 2;

	civil(birth, &y, &mo, &d);
	synth_idcard(m->idcard, g->region[reg].code, y, mo, d, seq);
	synth_date(birth, m->birth);
	snprintf(m->sex, sizeof m->sex, "%s", male ? "男" : "女");
	ethnicity = wpick(&r, ethnicities, N(ethnicities));
	snprintf(m->ethnicity, sizeof m->ethnicity, "%s", ethnicity);
	make_name(&r, male, ethnicity, m->name, sizeof m->name);
	snprintf(m->education, sizeof m->education, "%s",
	    wpick(&r, educations, N(educations)));

	/* joined between 18 and the reference day minus a year (or, for a
	 * 预备党员, within the last ten months) */
	lo = plus_years(birth, 18) + 1;
	hi = ref - 400;
	if (synth_below(&r, 100) < 7) {
		join = ref - 30 - (int64_t)synth_below(&r, 270);
		snprintf(m->category, sizeof m->category, "预备党员");
		synth_date(join, m->join_date);
		m->full_date[0] = '\0';
	} else {
		int64_t span = hi - lo;

		if (span > 40 * 365)
			span = 40 * 365;
		join = lo + (span > 0 ? (int64_t)synth_below(&r, (uint32_t)span) : 0);
		snprintf(m->category, sizeof m->category, "正式党员");
		synth_date(join, m->join_date);
		/* +1: a 29 February join reaches its first anniversary on 1 March */
		synth_date(plus_years(join, 1) + 1 + (int64_t)synth_below(&r, 20), m->full_date);
	}
	snprintf(m->job, sizeof m->job, "%s",
	    plus_years(birth, 60) < ref && synth_below(&r, 3) ? "退休人员" :
	    wpick(&r, jobs, N(jobs)));
	make_mobile(&r, m->phone, sizeof m->phone);
	make_address(&r, g->region[synth_below(&r, 50) ? reg :
	    synth_below(&r, (uint32_t)g->nregion)].name, m->address, sizeof m->address);
	snprintf(m->party_status, sizeof m->party_status, "正常");
	snprintf(m->lost, sizeof m->lost, "否");
	if (synth_below(&r, 100) < 3) {
		snprintf(m->floating, sizeof m->floating, "是");
		snprintf(m->flow_to, sizeof m->flow_to, "%s",
		    g->region[synth_below(&r, (uint32_t)g->nregion)].name);
	} else
		snprintf(m->floating, sizeof m->floating, "否");
	snprintf(m->confirm_method, sizeof m->confirm_method, "本人签字");
#define SCH_F(key, kind, size, tag, label, item, ftype, width, list, check, \
    norm, req, fixed, longt, dflt, applies, col, text, xw, aliases, synth) \
	SCH_SYN_##synth(key, list, tag)
#include "schema/member.def"
#undef SCH_F
}
