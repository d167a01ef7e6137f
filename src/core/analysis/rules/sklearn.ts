import type { CallRule, RuleTable } from './types';

export const ESTIMATOR = 'sklearn.estimator';

const functions: CallRule[] = [
  // Any class from these libraries (CamelCase last component) builds an estimator.
  { names: ['sklearn.pipeline.make_pipeline', 'sklearn.pipeline.make_union', 'sklearn.compose.make_column_transformer', 'imblearn.pipeline.make_pipeline'], returns: ESTIMATOR },
  { names: [], pattern: /^(sklearn|imblearn|xgboost|lightgbm|catboost)\.(?:[\w.]*\.)?[A-Z]\w*$/, returns: ESTIMATOR },
  { names: ['sklearn.base.clone'], returns: ESTIMATOR },
];

const FITTING = ['fit', 'partial_fit', 'fit_transform', 'fit_predict', 'fit_resample', 'fit_sample'];

const methods: CallRule[] = [
  { names: ['fit', 'partial_fit', 'set_params'], receivers: [ESTIMATOR], unknownReceiver: true, mutates: ['self'], viewOf: ['self'] },
  { names: FITTING.filter((f) => f !== 'fit' && f !== 'partial_fit'), receivers: [ESTIMATOR], unknownReceiver: true, mutates: ['self'] },
  { names: ['set_output'], receivers: [ESTIMATOR], mutates: ['self'], viewOf: ['self'] },
];

export const sklearnRules: RuleTable = { library: 'sklearn', functions, methods };
