// The @node-rs/jieba peer (jieba-rs through N-API) of bench/text/quality.sh and speed.sh.
//
//   node node_jieba.js cut   LINES DICT [--search] [--no-hmm]   tokens joined by U+001F, a line per line
//   node node_jieba.js speed LINES DICT [--search] [--no-hmm] [--rounds N]
//
// DICT is the jieba dict.txt to load (Jieba.withDict); "bundled" uses the package's own copy.
// speed times Jieba.withDict (the dictionary load) and `cut` / `cutForSearch` over every line with
// JavaScript strings in and out, as an application would call it; the N-API conversions are part of
// the figure. It runs the pass N times (default 3; the first one warms the JIT) and reports the
// median by CPU time (process.cpuUsage: the whole process, so V8's GC threads count too) with its
// wall time, as key=value lines.
'use strict'
const fs = require('fs')
const path = require('path')

const [command, linesPath, dictPath, ...flags] = process.argv.slice(2)
if (!['cut', 'speed'].includes(command) || !linesPath || !dictPath) {
  console.error('usage: node node_jieba.js cut|speed LINES DICT [--search] [--no-hmm] [--rounds N]')
  process.exit(2)
}
const { Jieba } = require('@node-rs/jieba')
const pkg = require('@node-rs/jieba/package.json')
const hmm = !flags.includes('--no-hmm')
const search = flags.includes('--search')
const roundsAt = flags.indexOf('--rounds')
const rounds = roundsAt >= 0 ? Number(flags[roundsAt + 1]) : 3

let text = fs.readFileSync(linesPath, 'utf8')
if (text.endsWith('\n')) text = text.slice(0, -1)
const lines = text.length ? text.split('\n') : []
text = null

const dictFile = dictPath === 'bundled' ? path.join(path.dirname(require.resolve('@node-rs/jieba/package.json')), 'dict.txt') : dictPath
const dictBytes = fs.readFileSync(dictFile)
const t0 = process.hrtime.bigint()
const jieba = Jieba.withDict(dictBytes)
const t1 = process.hrtime.bigint()
const cut = search ? (s) => jieba.cutForSearch(s, hmm) : (s) => jieba.cut(s, hmm)

if (command === 'cut') {
  const out = []
  for (const line of lines) out.push(cut(line).join('\x1f'))
  fs.writeFileSync(1, out.length ? out.join('\n') + '\n' : '')
} else {
  const bytes = lines.reduce((n, s) => n + Buffer.byteLength(s, 'utf8'), 0)
  const passes = []
  let tokens = 0
  for (let r = 0; r < rounds; r++) {
    tokens = 0
    const a = process.hrtime.bigint()
    const cpu = process.cpuUsage()
    for (const line of lines) tokens += cut(line).length
    const used = process.cpuUsage(cpu)
    passes.push({ cpu: (used.user + used.system) / 1e6, wall: Number(process.hrtime.bigint() - a) / 1e9 })
  }
  const median = [...passes].sort((x, y) => x.cpu - y.cpu)[Math.floor(passes.length / 2)]
  console.log(`engine=@node-rs/jieba ${pkg.version}`)
  console.log(`dict=${dictFile}`)
  console.log(`bytes=${bytes}\nlines=${lines.length}\ntokens=${tokens}`)
  console.log(`load_s=${(Number(t1 - t0) / 1e9).toFixed(6)}`)
  console.log(`cut_cpu_s=${median.cpu.toFixed(6)}\ncut_s=${median.wall.toFixed(6)}`)
  console.log(`cut_rounds_cpu_s=${passes.map((p) => p.cpu.toFixed(3)).join(',')}`)
  console.log(`peak_rss_kib=${process.resourceUsage().maxRSS}`)
}
