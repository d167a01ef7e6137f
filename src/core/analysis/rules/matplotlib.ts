import type { CallRule, RuleTable } from './types';

export const MPL_OBJECT = 'matplotlib.object';

const CREATORS = ['subplots', 'figure', 'gca', 'gcf', 'subplot', 'axes', 'subplot2grid', 'twinx', 'twiny'];

const functions: CallRule[] = [
  // pyplot is a state machine: every pyplot call mutates the pyplot module object (`plt`).
  { names: ['matplotlib.pyplot.savefig'], mutates: ['self'], writes: 'file_system', path: [{ kw: 'fname', pos: 0 }] },
  { names: CREATORS.map((c) => `matplotlib.pyplot.${c}`), mutates: ['self'], returns: MPL_OBJECT },
  { names: [], pattern: /^matplotlib\.pyplot\.(?!savefig$|get_|isinteractive$)\w+$/, mutates: ['self'] },
  { names: ['matplotlib.use', 'matplotlib.rc', 'matplotlib.rcParams.update'], mutates: ['self'] },
  // seaborn draws on the current figure and returns axes.
  { names: [], pattern: /^seaborn\.\w+plot$|^seaborn\.(heatmap|clustermap|pairplot|jointplot|distplot|histplot|kdeplot|countplot|boxplot|violinplot|barplot|lineplot|scatterplot|relplot|catplot|lmplot|regplot)$/, returns: MPL_OBJECT },
  { names: ['seaborn.set', 'seaborn.set_theme', 'seaborn.set_style', 'seaborn.set_context', 'seaborn.set_palette'], mutates: ['self'] },
];

const methods: CallRule[] = [
  { names: ['savefig'], receivers: [MPL_OBJECT], unknownReceiver: true, mutates: ['self'], writes: 'file_system', path: [{ kw: 'fname', pos: 0 }] },
  { names: ['*'], receivers: [MPL_OBJECT], except: /^(get_|savefig$)/, mutates: ['self'] },
];

export const matplotlibRules: RuleTable = { library: 'matplotlib', functions, methods };
