// SPDX-License-Identifier: Apache-2.0
//
// The DynamoDB-API server of the cqrs4j-dynamodb tests: dynalite, in memory, on 127.0.0.1, plus
// the TransactWriteItems operation that dynalite 4 does not have (architect/dynalite#151).
//
//   node dynalite-server.js [--port N]     (default: a free port)
//
// Prints "listening <port>" once it accepts requests, and exits when its standard input closes,
// so it never outlives the JVM that started it.
//
// TransactWriteItems here supports Put and ConditionCheck actions. It validates each action with
// dynalite's own PutItem rules (item size, key schema, condition expressions), evaluates the
// conditions with dynalite's own evaluator, and behaves as DynamoDB documents: at most 100 actions
// and 4 MB, no two actions on one item, all-or-nothing, a TransactionCanceledException with one
// cancellation reason per action (ConditionalCheckFailed, or TransactionConflict when another
// transaction holds the item).
'use strict'

const db = require('dynalite/db')
const validations = require('dynalite/validations')
const putItemRules = require('dynalite/validations/putItem')
const conditionCheckRules = require('dynalite/validations/deleteItem')
const dynalite = require('dynalite')

const MAX_ACTIONS = 100
const MAX_TRANSACTION_BYTES = 4 * 1024 * 1024
const CONTENT_TYPE = 'application/x-amz-json-1.0'

// dynalite keeps its store private: catch it as it is created
let store
const createStore = db.create
db.create = function (options) {
  store = createStore(options)
  return store
}
const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 })
db.create = createStore

const dynaliteHandler = server.listeners('request')[0]
server.removeAllListeners('request')
server.on('request', function (req, res) {
  if (req.method === 'POST' && /\.TransactWriteItems$/.test(req.headers['x-amz-target'] || '')) {
    return readBody(req, function (body) { transactWriteItems(body, res) })
  }
  dynaliteHandler(req, res)
})

// items that a transaction in progress holds: "table\0key"
const inFlight = new Set()

function readBody (req, cb) {
  const chunks = []
  req.on('data', function (chunk) { chunks.push(chunk) })
  req.on('end', function () { cb(Buffer.concat(chunks).toString('utf8')) })
}

function send (res, statusCode, body) {
  const text = JSON.stringify(body)
  res.statusCode = statusCode
  res.setHeader('Content-Type', CONTENT_TYPE)
  res.setHeader('Content-Length', Buffer.byteLength(text, 'utf8'))
  res.end(text)
}

function validationError (message) {
  const err = new Error(message)
  err.statusCode = 400
  err.body = { __type: 'com.amazon.coral.validate#ValidationException', message: message }
  return err
}

function transactWriteItems (body, res) {
  let actions
  try {
    actions = parseActions(JSON.parse(body))
  }
  catch (err) {
    if (err.statusCode) return send(res, err.statusCode, err.body)
    return send(res, 400, { __type: 'com.amazon.coral.service#SerializationException', message: String(err.message) })
  }
  resolveKeys(actions, function (err) {
    if (err) return fail(res, err)
    const ids = actions.map(function (action) { return action.table.TableName + '\u0000' + action.key })
    if (new Set(ids).size !== ids.length) {
      return fail(res, validationError('Transaction request cannot include multiple operations on one item'))
    }
    const bytes = actions.reduce(function (sum, action) { return sum + (action.item ? db.itemSize(action.item) : 0) }, 0)
    if (bytes > MAX_TRANSACTION_BYTES) {
      return fail(res, validationError('Transaction request size of ' + bytes + ' bytes exceeds the 4 MB limit'))
    }
    if (ids.some(function (id) { return inFlight.has(id) })) {
      return cancel(res, ids.map(function (id) {
        return inFlight.has(id) ? { Code: 'TransactionConflict', Message: 'Transaction is ongoing for the item' } : { Code: 'None' }
      }))
    }
    ids.forEach(function (id) { inFlight.add(id) })
    const done = function (err, reasons) {
      ids.forEach(function (id) { inFlight.delete(id) })
      if (err) return fail(res, err)
      if (reasons) return cancel(res, reasons)
      send(res, 200, {})
    }
    lockAll(actions, function (release) {
      run(actions, release(done))
    })
  })
}

function parseActions (data) {
  const items = data && data.TransactItems
  if (!Array.isArray(items) || items.length < 1 || items.length > MAX_ACTIONS) {
    const count = Array.isArray(items) ? items.length : 0
    throw validationError('1 validation error detected: Value at \'transactItems\' failed to satisfy constraint: '
      + 'Member must have length less than or equal to ' + MAX_ACTIONS + ' and at least 1 (was ' + count + ')')
  }
  return items.map(function (transactItem) {
    const kinds = Object.keys(transactItem || {})
    if (kinds.length !== 1 || (kinds[0] !== 'Put' && kinds[0] !== 'ConditionCheck')) {
      throw validationError('this test server supports Put and ConditionCheck in TransactWriteItems, not ' + kinds.join(', '))
    }
    const rules = kinds[0] === 'Put' ? putItemRules : conditionCheckRules
    const request = validations.checkTypes(Object.assign({}, transactItem[kinds[0]]), rules.types)
    validations.checkValidations(request, rules.types, rules.custom, store)
    return { kind: kinds[0], request: request, item: request.Item }
  })
}

function resolveKeys (actions, cb) {
  let pending = actions.length, failed = false
  actions.forEach(function (action) {
    store.getTable(action.request.TableName, function (err, table) {
      if (failed) return
      if (!err) {
        const invalid = action.item ? db.validateItem(action.item, table) : db.validateKey(action.request.Key, table)
        if (invalid) err = invalid
      }
      if (err) {
        failed = true
        return cb(err)
      }
      action.table = table
      action.itemDb = store.getItemDb(table.TableName)
      action.key = db.createKey(action.item || action.request.Key, table)
      if (--pending === 0) cb(null)
    })
  })
}

// takes dynalite's own item locks too, table by table in name order, so PutItem calls on the same
// items wait for the transaction
function lockAll (actions, cb) {
  const byTable = new Map()
  actions.forEach(function (action) {
    if (!byTable.has(action.table.TableName)) byTable.set(action.table.TableName, [])
    byTable.get(action.table.TableName).push(action)
  })
  const tables = Array.from(byTable.keys()).sort()
  const releases = []
  const next = function (index) {
    if (index === tables.length) {
      return cb(function (done) {
        return function () {
          const args = arguments
          releases.reduceRight(function (finish, release) { return release(finish) }, function () { done.apply(null, args) })()
        }
      })
    }
    const group = byTable.get(tables[index])
    group[0].itemDb.lock(group.map(function (action) { return action.key }), function (release) {
      releases.push(release)
      next(index + 1)
    })
  }
  next(0)
}

function run (actions, cb) {
  let pending = actions.length, failed = false
  actions.forEach(function (action) {
    action.itemDb.get(action.key, function (err, existing) {
      if (failed) return
      if (err && err.name !== 'NotFoundError') {
        failed = true
        return cb(err)
      }
      action.existing = existing || undefined
      if (--pending === 0) checkAndWrite(actions, cb)
    })
  })
}

function checkAndWrite (actions, cb) {
  const reasons = actions.map(function (action) {
    return db.checkConditional(action.request, action.existing)
      ? { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' }
      : { Code: 'None' }
  })
  if (reasons.some(function (reason) { return reason.Code !== 'None' })) return cb(null, reasons)
  const puts = actions.filter(function (action) { return action.kind === 'Put' })
  const write = function (index) {
    if (index === puts.length) return cb(null, null)
    const action = puts[index]
    db.updateIndexes(store, action.table, action.existing, action.item, function (err) {
      if (err) return cb(err)
      action.itemDb.put(action.key, action.item, function (err) {
        if (err) return cb(err)
        write(index + 1)
      })
    })
  }
  write(0)
}

function cancel (res, reasons) {
  send(res, 400, {
    __type: 'com.amazonaws.dynamodb.v20120810#TransactionCanceledException',
    message: 'Transaction cancelled, please refer cancellation reasons for specific reasons ['
      + reasons.map(function (reason) { return reason.Code }).join(', ') + ']',
    CancellationReasons: reasons,
  })
}

function fail (res, err) {
  if (err.statusCode) return send(res, err.statusCode, err.body)
  if (err.name === 'NotFoundError') {
    return send(res, 400, {
      __type: 'com.amazonaws.dynamodb.v20120810#ResourceNotFoundException',
      message: 'Requested resource not found',
    })
  }
  send(res, 500, { __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: String(err.message) })
}

const portIndex = process.argv.indexOf('--port')
const port = portIndex >= 0 ? Number(process.argv[portIndex + 1]) : 0
server.listen(port, '127.0.0.1', function () {
  process.stdout.write('listening ' + server.address().port + '\n')
})
process.stdin.on('end', function () { process.exit(0) })
process.stdin.on('error', function () { process.exit(0) })
process.stdin.resume()
process.on('SIGTERM', function () { process.exit(0) })
