#!/usr/bin/env python3
# Splits the main thread of a dotnet-trace speedscope export (dotnet-sampled-thread-time) under EvaluateBatch by the
# innermost frame of interest: python3 trace-split.py <file>.speedscope.json (issue 22, bench/Rules README).
import json,sys,collections
# main thread of a dotnet-trace speedscope file: share of samples by the innermost frame of interest
d=json.load(open(sys.argv[1]))
frames=[f['name'] for f in d['shared']['frames']]
def cat(stack):
    names=[frames[f] for f in stack]
    for n in reversed(names):
        if 'PollGC' in n or 'GCHeap' in n: return 'GC (allocation-triggered collections)'
        if 'dynamicClass.lambda_method' in n: return 'workflow delegates (compiled rules, budget ticks, boxing outputs; trigger-input getters)'
        if 'EvaluationBudget' in n: return 'budget bracket'
        if 'CopyForChain' in n or 'Copier' in n: return 'chain copy'
        if 'ReadInputs' in n or 'MakeTrigger' in n or 'TriggerInputs' in n or 'BoxCache' in n: return 'trigger inputs'
        if 'RunChain' in n or 'TakeOutputs' in n or 'Exact' in n: return 'RunChain itself (outcome, fired records, triggers, slots)'
        if 'EvaluateBatch' in n: return 'EvaluateBatch itself'
    return 'other'
for p in d['profiles']:
    ev=p.get('events')
    if not ev: continue
    stack=[];last=None;c=collections.Counter();total=0
    for e in ev:
        t=e['at']
        if last is not None and stack and any('EvaluateBatch' in frames[f] for f in stack):
            c[cat(stack)]+=t-last; total+=t-last
        last=t
        if e['type']=='O': stack.append(e['frame'])
        else: stack.pop()
    if total==0: continue
    print('==',p['name'],'time under EvaluateBatch',round(total),'ms')
    for k,v in c.most_common(): print(f'{100*v/total:6.1f}%  {k}')
