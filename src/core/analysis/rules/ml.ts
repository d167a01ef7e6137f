/** numpy, joblib, PIL, keras/tensorflow, torch: save and load, plus a few in-place methods. */
import type { CallRule, RuleTable } from './types';

export const NDARRAY = 'numpy.ndarray';
export const KERAS_MODEL = 'keras.Model';
export const TORCH_MODULE = 'torch.Module';

const functions: CallRule[] = [
  // numpy
  { names: ['numpy.save', 'numpy.savez', 'numpy.savez_compressed'], writes: 'file_system', path: [{ kw: 'file', pos: 0 }] },
  { names: ['numpy.savetxt'], writes: 'file_system', path: [{ kw: 'fname', pos: 0 }] },
  { names: ['numpy.load', 'numpy.fromfile'], reads: 'file_system', path: [{ kw: 'file', pos: 0 }], returns: NDARRAY },
  { names: ['numpy.loadtxt', 'numpy.genfromtxt'], reads: 'file_system', path: [{ kw: 'fname', pos: 0 }], returns: NDARRAY },
  { names: ['numpy.array', 'numpy.zeros', 'numpy.ones', 'numpy.empty', 'numpy.arange', 'numpy.linspace', 'numpy.full', 'numpy.eye', 'numpy.zeros_like', 'numpy.ones_like', 'numpy.concatenate', 'numpy.stack', 'numpy.vstack', 'numpy.hstack', 'numpy.random.rand', 'numpy.random.randn', 'numpy.random.randint', 'numpy.random.normal', 'numpy.random.uniform'], returns: NDARRAY },
  { names: ['numpy.asarray'], returns: NDARRAY, viewOf: [0] },
  { names: ['numpy.random.shuffle', 'numpy.copyto', 'numpy.put', 'numpy.place', 'numpy.fill_diagonal'], mutates: [0] },
  { names: ['numpy.random.seed'], mutates: ['self'] },
  // joblib
  { names: ['joblib.dump'], writes: 'file_system', path: [{ kw: 'filename', pos: 1 }] },
  { names: ['joblib.load'], reads: 'file_system', path: [{ kw: 'filename', pos: 0 }] },
  // PIL
  { names: ['PIL.Image.open'], reads: 'file_system', path: [{ kw: 'fp', pos: 0 }], returns: 'PIL.Image' },
  { names: ['PIL.Image.new', 'PIL.Image.fromarray'], returns: 'PIL.Image' },
  // keras / tensorflow.keras (tensorflow.keras.* is normalised to keras.*)
  { names: ['keras.models.load_model', 'keras.saving.load_model'], reads: 'file_system', path: [{ kw: 'filepath', pos: 0 }], returns: KERAS_MODEL },
  { names: ['keras.Sequential', 'keras.Model', 'keras.models.Sequential', 'keras.models.Model', 'keras.models.clone_model'], returns: KERAS_MODEL },
  { names: ['keras.utils.get_file', 'tensorflow.keras.utils.get_file'], writes: 'file_system' },
  { names: ['tensorflow.saved_model.save'], writes: 'file_system', path: [{ kw: 'export_dir', pos: 1 }] },
  { names: ['tensorflow.saved_model.load'], reads: 'file_system', path: [{ kw: 'export_dir', pos: 0 }] },
  { names: ['tensorflow.random.set_seed', 'keras.utils.set_random_seed'], mutates: ['self'] },
  // torch
  { names: ['torch.save'], writes: 'file_system', path: [{ kw: 'f', pos: 1 }] },
  { names: ['torch.load'], reads: 'file_system', path: [{ kw: 'f', pos: 0 }] },
  { names: [], pattern: /^torch\.nn\.(?:[\w.]*\.)?[A-Z]\w*$/, returns: TORCH_MODULE },
  { names: [], pattern: /^torch\.optim\.(?:[\w.]*\.)?[A-Z]\w*$/, returns: 'torch.Optimizer' },
  { names: ['torch.manual_seed'], mutates: ['self'] },
];

const methods: CallRule[] = [
  { names: ['sort', 'fill', 'resize', 'put', 'itemset', 'setflags', 'partition'], receivers: [NDARRAY], mutates: ['self'] },
  { names: ['reshape', 'ravel', 'view', 'transpose', 'squeeze', 'swapaxes'], receivers: [NDARRAY], viewOf: ['self'], returns: NDARRAY },
  { names: ['tofile', 'dump'], receivers: [NDARRAY], writes: 'file_system', path: [{ kw: 'fid', pos: 0 }, { kw: 'file' }] },
  { names: ['save'], receivers: ['PIL.Image'], writes: 'file_system', path: [{ kw: 'fp', pos: 0 }] },
  { names: ['thumbnail', 'paste', 'putpixel', 'putdata', 'putalpha'], receivers: ['PIL.Image'], mutates: ['self'] },
  { names: ['fit', 'compile', 'train_on_batch', 'add', 'build', 'set_weights', 'pop', 'reset_states', 'fit_generator'], receivers: [KERAS_MODEL], mutates: ['self'] },
  { names: ['load_weights'], receivers: [KERAS_MODEL], mutates: ['self'], reads: 'file_system', path: [{ kw: 'filepath', pos: 0 }] },
  { names: ['save', 'save_weights', 'export'], receivers: [KERAS_MODEL], writes: 'file_system', path: [{ kw: 'filepath', pos: 0 }] },
  { names: ['load_state_dict', 'train', 'eval', 'to', 'cuda', 'cpu', 'zero_grad', 'requires_grad_', 'apply', 'half', 'float', 'double'], receivers: [TORCH_MODULE], mutates: ['self'], viewOf: ['self'] },
  { names: ['step', 'zero_grad', 'load_state_dict'], receivers: ['torch.Optimizer'], mutates: ['self'] },
];

export const mlRules: RuleTable = { library: 'numpy/joblib/PIL/keras/torch', functions, methods };
