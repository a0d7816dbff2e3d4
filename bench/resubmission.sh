#!/usr/bin/env bash
# Times `qcsite import` of two years of N registrations each (default 50,000, the size of a
# national archive) and `qcsite check` of the second year's titles against the first's, and
# prints the median of several runs of each beside the goal. Not part of `swift test`.
#
#   bench/resubmission.sh [titles-per-year] [runs]
#   QCSITE=.build/release/qcsite bench/resubmission.sh 50000 5
#   BASELINE=/path/to/older/qcsite bench/resubmission.sh     # paired runs: before and after
set -euo pipefail
titles=${1:-50000}
runs=${2:-5}
here=$(cd "$(dirname "$0")/.." && pwd)
bin=${QCSITE:-$here/.build/release/qcsite}
[ -x "$bin" ] || bin=$here/.build/debug/qcsite
[ -x "$bin" ] || { echo "build qcsite first: swift build -c release" >&2; exit 2; }
work=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT; [ -n "${KEEP:-}" ] && echo "work folder: $work" >&2

# 15 titles per enterprise (under the 20 limit). Titles combine a verb, an object and a measure,
# so one enterprise's titles are often alike; a tenth of the second year re-registers or lightly
# rewords a title of the first, as staff see it.
awk -v n="$titles" -v dir="$work/content" 'BEGIN {
  srand(20240830)
  enterprises = int(n / 15) + 1
  split("提高 降低 缩短 减少 提升 优化 研制 研发", verb, " ")
  split("基站 光缆 机房 宽带 专线 室分 铁塔 动环 传输 核心网 政企 家庭 营业厅 装维 工单 电费 蓄电池 空调 天线 无线", a, " ")
  split("故障 投诉 开通 巡检 维护 割接 验收 派单 回单 能耗 资产 测试 监控 告警 调度 施工 设计 采购", b, " ")
  split("处理时长 及时率 一次成功率 准确率 满意度 周期 成本 效率 合格率 覆盖率 退服率 积压率", c, " ")
  split("太原 大同 阳泉 长治 晋城 朔州 晋中 运城 忻州 临汾 吕梁", place, " ")
  split("5G 高铁沿线 农村 城区 高层住宅 校园 景区 工业园区", scene, " ")
  system("mkdir -p " dir "/years/2024 " dir "/years/2025")
  print "title: 基准\nbase_url: https://bench.invalid/" > (dir "/site.yaml")
  for (e = 0; e < enterprises; e++) printf "- id: bench-%d\n  name: 基准通信第%d有限公司\n", e, e > (dir "/enterprises.yaml")
  header = "编号,单位名称,小组名称,课题名称,课题类型,发表人,报名日期,材料,状态"
  for (y = 2024; y <= 2025; y++) {
    f = dir "/years/" y "/registrations.csv"
    print header > f
    printf "year: %d\ntitle: %d年基准\npublished: registration\nstages:\n  registration: {until: %d-08-30}\n", y, y, y > (dir "/years/" y "/competition.yaml")
    for (i = 0; i < n; i++) {
      e = i % enterprises
      if (y == 2025 && rand() < 0.1 && (i in first)) {
        t = first[i]; if (rand() < 0.5) t = t "的研究"
      } else {
        t = verb[int(rand()*8)+1] place[int(rand()*11)+1] scene[int(rand()*8)+1] a[int(rand()*20)+1] b[int(rand()*18)+1] c[int(rand()*12)+1]
      }
      if (y == 2024) first[i] = t
      printf "%d-%05d,基准通信第%d有限公司,第%dQC小组,%s,问题解决型,张三、李四,%d-08-20,推荐表PDF、推荐表Word、成果报告、活动记录,\n", y, i, e, i, t, y > f
    }
  }
}'

since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.3f", b - a }'; }
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

# Each binary imports into a fresh archive and checks it, run after run, so that both see the
# same load on the machine.
binaries=("$bin"); [ -n "${BASELINE:-}" ] && binaries=("$BASELINE" "$bin")
# CPU time (user + system) is printed beside wall time: on a machine busy with other work it
# varies far less.
cpu() { tail -1 "$work/cpu" | awk '{ printf "%.2f", $1 + $2 }'; }  # time notes a non-zero exit first
declare -A imports importCPU checks checkCPU rules findings
for ((r = 0; r < runs; r++)); do
  for b in "${binaries[@]}"; do
    archive=$work/archive-$(echo "$b" | md5sum | cut -c1-8).sqlite
    rm -f "$archive" "$archive"-* "$archive".lock
    start=$(date +%s.%N)
    /usr/bin/time -f '%U %S' -o "$work/cpu" "$b" import --content "$work/content" --archive "$archive" >/dev/null 2>&1
    imports[$b]+="$(since "$start") "
    importCPU[$b]+="$(cpu) "
    start=$(date +%s.%N)
    /usr/bin/time -f '%U %S' -o "$work/cpu" "$b" check --archive "$archive" --year 2025 --format json --timings \
      >"$work/out.json" 2>"$work/timings" || [ $? -eq 1 ]
    checks[$b]+="$(since "$start") "
    checkCPU[$b]+="$(cpu) "
    rules[$b]+="$(awk '$2 == "rules" { print $3 }' "$work/timings") "
    findings[$b]=$(grep -c '"rule" : "resubmission"' "$work/out.json" || true)
  done
done
for b in "${binaries[@]}"; do
  echo "$b, medians of $runs runs (wall; CPU):"
  # shellcheck disable=SC2086
  echo "  import of 2 × $titles registrations: $(median ${imports[$b]}) s; $(median ${importCPU[$b]}) s CPU (goal ≤ 5 s; runs: ${imports[$b]% })"
  # shellcheck disable=SC2086
  echo "  check of $titles titles against $titles: $(median ${checks[$b]}) s; $(median ${checkCPU[$b]}) s CPU; $(median ${rules[$b]}) s in the rules (goal ≤ 2 s; runs: ${checks[$b]% }); ${findings[$b]} resubmission findings"
done
